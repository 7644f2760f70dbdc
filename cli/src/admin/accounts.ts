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
  readonly claims: { role?: unknown; county?: unknown; group?: unknown; department?: unknown };
  /** Said on purpose: this coordinator has no county and sees the whole city. */
  readonly cityWide?: boolean;
}

export interface AccountView {
  uid: string;
  email: string;
  displayName?: string;
  disabled: boolean;
  role?: string;
  county?: string;
  group?: string;
  /** A department account's registry id. */
  department?: string;
  /** No county: a coordinator or administrator who sees the whole city. */
  cityWide: boolean;
}

function valid(claims: AccountSpec['claims']): Claims {
  const checked = checkClaims(claims);
  if ('error' in checked) throw new AccountError(checked.error);
  return checked.claims;
}

/**
 * A coordinator without a county sees every county's rows, so leaving the county out must
 * never be what makes one: the administrator says --city-wide, or the account already was a
 * city-wide coordinator (`keeps`). A clerk always has a county; an administrator sees the whole
 * city whatever its county says.
 */
function checkScope(claims: Claims, cityWide: boolean, keeps: boolean): void {
  if (cityWide && claims.county !== undefined) {
    throw new AccountError({
      zh: `--city-wide（全市）与所属县（区、市）「${claims.county}」不能同时指定`,
      en: `--city-wide (the whole city) and the county "${claims.county}" cannot both be given`,
    });
  }
  if (cityWide && claims.role === 'clerk') {
    throw new AccountError({ zh: '填报员不能是全市范围，须有所属县（区、市）', en: 'A clerk cannot be city-wide; a clerk needs a county' });
  }
  if (claims.role === 'coordinator' && claims.county === undefined && !cityWide && !keeps) {
    throw new AccountError({
      zh: '协调员账户须指定所属县（区、市）（--county）；确属全市范围的，请明确加上 --city-wide',
      en: 'A coordinator account needs a county (--county); for a coordinator of the whole city, say --city-wide',
    });
  }
}

const sameClaims = (a: Record<string, unknown>, b: Claims): boolean =>
  a.role === b.role && a.county === b.county && a.group === b.group && a.department === b.department && Object.keys(a).length === Object.keys(b).length;

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
    ...(typeof c.department === 'string' && { department: c.department }),
    cityWide: (c.role === 'coordinator' || c.role === 'admin') && typeof c.county !== 'string',
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

/**
 * Create the account, or bring an existing one to the given password, name and claims. An
 * existing account whose password or claims change is signed out everywhere.
 */
export async function upsertAccount(auth: Auth, spec: AccountSpec): Promise<AccountView> {
  const claims = valid(spec.claims);
  checkScope(claims, spec.cityWide === true, false);
  const props = {
    email: spec.email,
    ...(spec.password !== undefined && { password: spec.password }),
    ...(spec.displayName !== undefined && { displayName: spec.displayName }),
  };
  const found = await find(auth, spec.email);
  const user = found ? await auth.updateUser(found.uid, props) : await auth.createUser({ ...props, emailVerified: true });
  // Replacing the claims whole: a claim dropped here (a county, say) must really go.
  await auth.setCustomUserClaims(user.uid, { ...claims });
  if (found && (spec.password !== undefined || !sameClaims(found.customClaims ?? {}, claims))) {
    await auth.revokeRefreshTokens(user.uid);
  }
  return view(await auth.getUser(user.uid));
}

export interface ClaimsChange {
  readonly role?: string;
  readonly county?: string;
  readonly group?: string;
  /** The county goes: the account sees the whole city. */
  readonly cityWide?: boolean;
}

/** Change some claims; the others stay. An empty string removes county or group. */
export async function changeClaims(auth: Auth, email: string, change: ClaimsChange): Promise<AccountView> {
  const u = await existing(auth, email);
  const before: Record<string, unknown> = { ...(u.customClaims ?? {}) };
  const merged: Record<string, unknown> = { ...before };
  const { cityWide = false, ...fields } = change;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (v === '') delete merged[k];
    else merged[k] = v;
  }
  if (cityWide && fields.county === undefined) delete merged.county;
  const claims = valid(merged);
  const wasCityWideCoordinator = before.role === 'coordinator' && view(u).cityWide;
  checkScope(claims, cityWide, wasCityWideCoordinator);
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
