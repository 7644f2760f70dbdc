import { Button, FluentProvider, Spinner, Text, webLightTheme } from '@fluentui/react-components';
import type { Profile } from '@taizhang/client';
import { useEffect, useState } from 'react';
import type { Backend, SignedInUser } from '../pane/backend';
import { explain, type Explained } from './explain';
import { FilePanel } from './FilePanel';
import { WEB_STRINGS, type Lang } from './i18n';
import { ListPanel } from './ListPanel';
import { NoticePanel } from './NoticePanel';
import { Problem } from './Problem';
import { SignIn } from '../pane/components/SignIn';

export interface WebAppProps {
  readonly backend: Backend;
  readonly lang: Lang;
}

/** The web page: sign in, then push a ledger file and download the consolidated list. */
export function WebApp({ backend, lang }: WebAppProps) {
  const s = WEB_STRINGS[lang];
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined);
  const [profile, setProfile] = useState<Profile>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Explained>();

  useEffect(() => backend.onAuthChange(setUser), [backend]);
  useEffect(() => {
    if (!user) {
      setProfile(undefined);
      return;
    }
    let live = true;
    backend
      .api()
      .getProfile()
      .then(
        (p) => live && setProfile(p),
        (e) => live && setProblem(explain(e, s, lang)),
      );
    return () => void (live = false);
  }, [user, backend, s, lang]);

  const signIn = async (email: string, password: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      if (!email || !password) throw { code: 'auth/missing-password' };
      await backend.signIn(email.trim(), password);
    } catch (e) {
      setProblem(explain(e, s, lang));
    } finally {
      setBusy(false);
    }
  };
  const signOut = () => void backend.signOut();
  const api = () => backend.api();

  return (
    <FluentProvider theme={webLightTheme} lang={lang === 'en' ? 'en-US' : 'zh-CN'}>
      <header className="tz-header">
        <h1>{s.title}</h1>
        {user && (
          <section className="tz-account" aria-label={s.account}>
            <Text>{user.email}</Text>
            {profile && (
              <Text>
                {s.roles[profile.role] ?? profile.role}
                {' · '}
                {profile.county ?? s.wholeCity}
                {profile.group ? ` · ${profile.group}` : ''}
              </Text>
            )}
            <Button size="small" onClick={signOut}>
              {s.signOut}
            </Button>
          </section>
        )}
      </header>
      <main className="tz-main">
        <Text as="p">{s.intro}</Text>
        {problem && <Problem s={s} problem={problem} />}
        {user === undefined && <Spinner size="small" label={s.loading} />}
        {user === null && <SignIn s={s} busy={busy} note={backend.emulator ? s.practice : undefined} onSignIn={(e, p) => void signIn(e, p)} />}
        {user && (
          <>
            <FilePanel s={s} lang={lang} api={api} profile={profile} onSignedOut={signOut} />
            <ListPanel s={s} lang={lang} api={api} onSignedOut={signOut} />
            {profile && (profile.role === 'coordinator' || profile.role === 'admin') && (
              <NoticePanel s={s} lang={lang} api={api} role={profile.role} onSignedOut={signOut} />
            )}
          </>
        )}
      </main>
    </FluentProvider>
  );
}
