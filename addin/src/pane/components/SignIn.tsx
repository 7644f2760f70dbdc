import { Button, Field, Input, Spinner, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Strings } from '../i18n';

export interface SignInProps {
  readonly s: Strings;
  readonly busy: boolean;
  readonly emulator: boolean;
  readonly onSignIn: (email: string, password: string) => void;
}

export function SignIn({ s, busy, emulator, onSignIn }: SignInProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSignIn(email, password);
  };
  return (
    <form className="tz-signin" onSubmit={submit} aria-label={s.signInTitle}>
      <h2>{s.signInTitle}</h2>
      <Text as="p">{s.signInHint}</Text>
      {emulator && (
        <Text as="p" size={200} italic>
          {s.emulatorNote}
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
