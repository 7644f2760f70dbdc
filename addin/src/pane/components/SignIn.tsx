import { Button, Field, Input, Spinner, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Strings } from '../i18n';

/** The words of the sign-in form: the pane's and the web page's strings both carry them. */
export type SignInStrings = Pick<Strings, 'signInTitle' | 'signInHint' | 'email' | 'password' | 'signIn' | 'signingIn'>;

export interface SignInProps {
  readonly s: SignInStrings;
  readonly busy: boolean;
  /** A line under the hint, when the pane or page runs against the local practice stack. */
  readonly note?: string | undefined;
  readonly onSignIn: (email: string, password: string) => void;
}

/** The sign-in form of the task pane and of the web page. */
export function SignIn({ s, busy, note, onSignIn }: SignInProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSignIn(email, password);
  };
  return (
    <form className="tz-signin" onSubmit={submit} aria-labelledby="tz-signin-title">
      <h2 id="tz-signin-title">{s.signInTitle}</h2>
      <Text as="p">{s.signInHint}</Text>
      {note && (
        <Text as="p" size={200} italic>
          {note}
        </Text>
      )}
      <Field label={s.email} required>
        <Input type="email" name="email" autoComplete="username" value={email} onChange={(_, d) => setEmail(d.value)} disabled={busy} />
      </Field>
      <Field label={s.password} required>
        <Input type="password" name="password" autoComplete="current-password" value={password} onChange={(_, d) => setPassword(d.value)} disabled={busy} />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
        {busy ? s.signingIn : s.signIn}
      </Button>
    </form>
  );
}
