import { Button, Text } from '@fluentui/react-components';
import type { Profile } from '@taizhang/client';
import type { Strings } from '../i18n';

export interface ProfileBarProps {
  readonly s: Strings;
  readonly email?: string;
  readonly profile?: Profile;
  /** A department account's canonical name, from the registry. */
  readonly departmentName?: string;
  readonly disabled: boolean;
  readonly onSignOut: () => void;
}

export function ProfileBar({ s, email, profile, departmentName, disabled, onSignOut }: ProfileBarProps) {
  return (
    <section className="tz-profile" aria-label={s.role}>
      <Text weight="semibold" className="tz-email">{profile?.email ?? email}</Text>
      {profile ? (
        <dl className="tz-claims">
          <dt>{s.role}</dt>
          <dd>{s.roles[profile.role] ?? profile.role}</dd>
          {profile.role === 'department' ? (
            <>
              <dt>{s.department}</dt>
              <dd>{departmentName ?? profile.department}</dd>
            </>
          ) : (
            <>
              <dt>{s.county}</dt>
              <dd>{profile.county ?? s.wholeCity}</dd>
              <dt>{s.group}</dt>
              <dd>{profile.group ?? s.none}</dd>
            </>
          )}
        </dl>
      ) : (
        <Text size={200}>{s.profileLoading}</Text>
      )}
      <Button size="small" onClick={onSignOut} disabled={disabled}>{s.signOut}</Button>
    </section>
  );
}
