// Accounts and their claims, through firebase-admin Auth: what `taizhang admin` and the
// demo seeding do. Claims are checked by the ledger core's checkClaims, the same check the
// functions apply to every call.

import type { Auth, UserRecord } from 'firebase-admin/auth';
import { checkClaims, joined, type Bilingual, type Claims } from '@taizhang/ledger';

export class AccountError extends Error {
  constructor(readonly text: Bilingual) {
    super(joined(text));
  }
}

export interface AccountSpec {
  readonly email: string;
  readonly password?: string;
  readonly displayName?: string;
  readonly claims: { role?: unknown; county?: unknown; group?: unknown };
}

export interface AccountView {
  uid: string;
  email: string;
  displayName?: string;
  disabled: boolean;
  role?: string;
  county?: string;
  group?: string;
}

function valid(claims: AccountSpec['claims']): Claims {
  const checked = checkClaims(claims);
  if ('error' in checked) throw new AccountError(checked.error);
  return checked.claims;
}

export function view(u: UserRecord): AccountView {
  const c = (u.customClaims ?? {}) as Record<string, unknown>;
  return {
    uid: u.uid,
    email: u.email ?? '',
    ...(u.displayName && { displayName: u.displayName }),
    disabled: u.disabled,
    ...(typeof c.role === 'string' && { role: c.role }),
    ...(typeof c.county === 'string' && { county: c.county }),
    ...(typeof c.group === 'string' && { group: c.group }),
  };
}

async function find(auth: Auth, email: string): Promise<UserRecord | undefined> {
  try {
    return await auth.getUserByEmail(email);
  } catch (e) {
    if ((e as { code?: string }).code === 'auth/user-not-found') return undefined;
    throw e;
  }
}

async function existing(auth: Auth, email: string): Promise<UserRecord> {
  const u = await find(auth, email);
  if (!u) throw new AccountError({ zh: `没有账户 ${email}`, en: `No account ${email}` });
  return u;
}

/** Create the account, or bring an existing one to the given password, name and claims. */
export async function upsertAccount(auth: Auth, spec: AccountSpec): Promise<AccountView> {
  const claims = valid(spec.claims);
  const props = {
    email: spec.email,
    ...(spec.password !== undefined && { password: spec.password }),
    ...(spec.displayName !== undefined && { displayName: spec.displayName }),
  };
  const found = await find(auth, spec.email);
  const user = found ? await auth.updateUser(found.uid, props) : await auth.createUser({ ...props, emailVerified: true });
  // Replacing the claims whole: a claim dropped here (a county, say) must really go.
  await auth.setCustomUserClaims(user.uid, { ...claims });
  return view(await auth.getUser(user.uid));
}

/** Change some claims; the others stay. An empty string removes county or group. */
export async function changeClaims(auth: Auth, email: string, change: { role?: string; county?: string; group?: string }): Promise<AccountView> {
  const u = await existing(auth, email);
  const merged: Record<string, unknown> = { ...(u.customClaims ?? {}) };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) continue;
    if (v === '') delete merged[k];
    else merged[k] = v;
  }
  const claims = valid(merged);
  await auth.setCustomUserClaims(u.uid, { ...claims });
  // Signed-in sessions keep old claims until their token refreshes; revoking forces it.
  await auth.revokeRefreshTokens(u.uid);
  return view(await auth.getUser(u.uid));
}

export async function setDisabled(auth: Auth, email: string, disabled: boolean): Promise<AccountView> {
  const u = await existing(auth, email);
  await auth.updateUser(u.uid, { disabled });
  if (disabled) await auth.revokeRefreshTokens(u.uid);
  return view(await auth.getUser(u.uid));
}

export async function listAccounts(auth: Auth): Promise<AccountView[]> {
  const all: AccountView[] = [];
  let pageToken: string | undefined;
  do {
    const page = await auth.listUsers(1000, pageToken);
    all.push(...page.users.map(view));
    pageToken = page.pageToken;
  } while (pageToken);
  return all.sort((a, b) => a.email.localeCompare(b.email));
}
