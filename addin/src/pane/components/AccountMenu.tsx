import { Button, Menu, MenuDivider, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, Text } from '@fluentui/react-components';
import type { Profile } from '@taizhang/client';
import type { Strings } from '../i18n';

export interface AccountMenuProps {
  readonly s: Strings;
  readonly email?: string;
  readonly profile?: Profile;
  /** A department account's canonical name, from the registry. */
  readonly departmentName?: string;
  readonly disabled: boolean;
  readonly onSignOut: () => void;
}

/** Who is signed in, in one short line, and sign-out behind a small menu. */
export function AccountMenu({ s, email, profile, departmentName, disabled, onSignOut }: AccountMenuProps) {
  const who = profile?.email ?? email ?? '';
  const role = profile ? (s.roles[profile.role] ?? profile.role) : s.profileLoading;
  const where = profile
    ? profile.role === 'department'
      ? (departmentName ?? profile.department ?? '')
      : (profile.group ?? profile.county ?? s.wholeCity)
    : '';
  return (
    <div className="tz-account">
      <Text size={200} className="tz-who">
        {role}
        {where ? ` · ${where}` : ''}
      </Text>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button size="small" appearance="subtle" aria-label={s.accountMenu(who)}>
            {s.account}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>{who}</MenuGroupHeader>
              {profile && profile.role !== 'department' && (
                <MenuGroupHeader>
                  {s.county}：{profile.county ?? s.wholeCity}
                </MenuGroupHeader>
              )}
            </MenuGroup>
            <MenuDivider />
            <MenuItem disabled={disabled} onClick={onSignOut}>
              {s.signOut}
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
    </div>
  );
}
