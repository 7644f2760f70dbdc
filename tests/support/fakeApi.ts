// A fast in-memory stand-in for the callables, answering like the server (docs/api.md): the same
// ledger core judges rows; versions, conflicts, key reuse, requestId replays, cursors and
// pages behave as specified. For unit tests and the benchmark only — the emulator tests use
// the real functions.

import {
  buildNotice,
  countyCode,
  formatRowId,
  getLedger,
  idScope,
  isOverdue,
  parseRow,
  type CanonicalRow,
  type GroupActivity,
  type GroupRecord,
  type LedgerName,
  type SupervisedRow,
} from '@taizhang/ledger';
import { ApiError } from '@taizhang/client';
import type { Transport } from '@taizhang/client';
import type { InboxAnswer, NoticeAnswer, Profile, PulledRow, PushResult, PushRow, TargetMatch } from '@taizhang/client';
import type { DepartmentRecord } from '@taizhang/ledger';

/** What generateNotice computes from (the real pure builder, buildNotice). */
export interface NoticeSource {
  rows: SupervisedRow[];
  groups: GroupRecord[];
  activity: GroupActivity[];
}

interface Stored {
  id: string;
  key: string;
  version: number;
  values: CanonicalRow;
  withdrawn: boolean;
  /** Every county the row has been in (a since-pull of a county finds the rows that left it). */
  counties: string[];
  /** seq of the last change that moved it to another county. */
  movedSeq?: number;
  seq: number;
  updatedBy: string;
}

export interface FakeServer {
  transport: Transport;
  rows(ledger: LedgerName): Stored[];
  calls: { name: string; data: any }[];
  /** Make the next n calls fail with this status before (or, with `after`, after) doing their work. */
  failNext(n: number, status: string, after?: boolean): void;
  /** Another account edits a stored row directly. */
  edit(ledger: LedgerName, id: string, values: Partial<CanonicalRow>, by?: string): void;
  profile: Profile;
  /** Stored notices by day, in the caller's scope (getNotice answers these). */
  notices: Map<string, NoticeAnswer>;
}

/** A notice as the server stores it: buildNotice plus generatedAt, scoped like the caller's. */
export function storedNotice(date: string, src: NoticeSource, county?: string): NoticeAnswer {
  const n = buildNotice(date, src.rows, src.groups, src.activity, county === undefined ? {} : { county });
  return { ...n, generatedAt: `${date}T00:00:03.120Z` };
}

export function fakeServer(
  o: {
    today?: string;
    profile?: Profile;
    noticeSource?: NoticeSource;
    /** getInbox's answer (default: nothing awaits). */
    inbox?: InboxAnswer;
    /** listDepartments' registry (default: none). */
    departments?: DepartmentRecord[];
    /** The registry lookupTargets and listTargets answer from (default: none). */
    targets?: readonly TargetMatch[];
  } = {},
): FakeServer {
  const store: Record<LedgerName, Map<string, Stored>> = { problems: new Map(), visits: new Map() };
  const keys: Record<LedgerName, Map<string, string>> = { problems: new Map(), visits: new Map() };
  const counters = new Map<string, number>();
  const answers = new Map<string, unknown>();
  let seq = 0;
  const calls: FakeServer['calls'] = [];
  let failures: { n: number; status: string; after: boolean } | undefined;
  const profile: Profile = o.profile ?? { uid: 'u1', email: 'clerk@yuci.test', role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' };
  const today = o.today ?? '2024-06-01';

  function pushRows(data: { ledger: LedgerName; requestId: string; rows: PushRow[] }): { results: PushResult[] } {
    if (data.rows.length > 500) throw new ApiError('INVALID_ARGUMENT', { zh: '太多', en: 'too many' });
    const replay = answers.get(data.requestId);
    if (replay) return replay as { results: PushResult[] };
    const ledger = getLedger(data.ledger);
    const rows = store[data.ledger];
    const results = data.rows.map((r): PushResult => {
      const parsed = parseRow(ledger, r.values ?? {}, { today });
      if (r.id !== undefined) {
        const cur = rows.get(r.id);
        if (!cur) return { key: r.key, status: 'not_found', id: r.id, message: 'not found' };
        if (r.baseVersion! < cur.version) {
          return {
            key: r.key,
            status: 'conflict',
            id: r.id,
            current: { version: cur.version, values: cur.values, updatedAt: new Date().toISOString(), updatedBy: cur.updatedBy, withdrawn: cur.withdrawn },
          };
        }
        if (parsed.errors.length > 0) return { key: r.key, status: 'invalid', id: r.id, errors: [...parsed.errors] };
        if (JSON.stringify(sorted(parsed.values)) === JSON.stringify(sorted(cur.values)))
          return { key: r.key, status: 'unchanged', id: cur.id, version: cur.version };
        cur.version++;
        const before = String(cur.values.county);
        cur.values = parsed.values;
        moved(cur, before);
        cur.seq = ++seq;
        cur.updatedBy = profile.email;
        return { key: r.key, status: 'updated', id: cur.id, version: cur.version, values: cur.values };
      }
      const existing = keys[data.ledger].get(r.key);
      if (existing) {
        const cur = rows.get(existing)!;
        return { key: r.key, status: 'created', id: cur.id, version: 1, values: cur.values };
      }
      if (parsed.errors.length > 0) return { key: r.key, status: 'invalid', errors: [...parsed.errors] };
      if (profile.county && parsed.values.county !== profile.county) return { key: r.key, status: 'forbidden', message: '无权 / forbidden' };
      const { county, year } = idScope(ledger, parsed.values);
      const c = `${county}|${year}`;
      const n = (counters.get(c) ?? 0) + 1;
      counters.set(c, n);
      const id = formatRowId(ledger, county, year, n);
      void countyCode;
      rows.set(id, {
        id,
        key: r.key,
        version: 1,
        values: parsed.values,
        withdrawn: false,
        counties: [String(parsed.values.county)],
        seq: ++seq,
        updatedBy: profile.email,
      });
      keys[data.ledger].set(r.key, id);
      return { key: r.key, status: 'created', id, version: 1, values: parsed.values };
    });
    const answer = { results };
    answers.set(data.requestId, answer);
    return answer;
  }

  /** Call before r.seq takes the change's number. */
  function moved(r: Stored, before: string): void {
    const county = String(r.values.county);
    if (!r.counties.includes(county)) r.counties.push(county);
    if (county !== before) r.movedSeq = seq + 1;
  }

  function pulled(s: Stored): PulledRow {
    if (s.withdrawn) return { id: s.id, version: s.version, withdrawn: true };
    return {
      id: s.id,
      key: s.key,
      version: s.version,
      values: s.values,
      withdrawn: false,
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      updatedBy: s.updatedBy,
    };
  }

  function pullRows(data: { ledger: LedgerName; filter?: Record<string, string>; since?: string; pageSize?: number; pageToken?: string }) {
    const size = data.pageSize ?? 1000;
    const since = data.since ? Number(data.since) : undefined;
    const page = data.pageToken ? (JSON.parse(data.pageToken) as { after: string; cursor: number }) : undefined;
    const cursor = page?.cursor ?? seq;
    const filter = Object.entries(data.filter ?? {});
    const matches = (r: Stored) => filter.every(([k, v]) => r.values[k] === v);
    const county = data.filter?.county;
    // A since-pull also names the changed rows that left the filter, or moved out of the county
    // after the cursor, in `left`.
    const all = [...store[data.ledger].values()]
      .filter((r) =>
        since === undefined ? !r.withdrawn && matches(r) : r.seq > since && r.seq <= cursor && (county === undefined || r.counties.includes(county)),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .filter((r) => !page || r.id > page.after);
    const rows = all.slice(0, size);
    const gone = (r: Stored) => county === undefined || r.values.county === county || (r.movedSeq ?? 0) > since!;
    return {
      rows: rows.filter(matches).map(pulled),
      ...(since !== undefined && { left: rows.filter((r) => !matches(r) && gone(r)).map((r) => r.id) }),
      cursor: String(cursor),
      ...(all.length > size && { nextPageToken: JSON.stringify({ after: rows[rows.length - 1]!.id, cursor }) }),
    };
  }

  function getStats(data: { ledger: LedgerName; groupBy: string; asOf?: string }) {
    const asOf = data.asOf ?? today;
    const groups = new Map<string, Record<string, number>>();
    const totals: Record<string, number> = {};
    for (const r of store[data.ledger].values()) {
      if (r.withdrawn) continue;
      const k = String(r.values[data.groupBy] ?? '（未填写）');
      const g = groups.get(k) ?? {};
      groups.set(k, g);
      for (const t of [g, totals]) {
        if (data.ledger === 'problems') {
          t.total = (t.total ?? 0) + 1;
          t.resolved = (t.resolved ?? 0) + (r.values.status === '已解决' ? 1 : 0);
          t.overdue = (t.overdue ?? 0) + (isOverdue(r.values, asOf) ? 1 : 0);
        } else {
          t.visits = (t.visits ?? 0) + 1;
          t.staff = (t.staff ?? 0) + Number(r.values.staff ?? 0);
        }
      }
    }
    return { asOf, rows: [...groups].map(([key, f]) => ({ key, ...f })), totals };
  }

  const notices = new Map<string, NoticeAnswer>();
  const noticeScope = (): string | undefined => (profile.role === 'coordinator' && profile.county ? profile.county : undefined);
  function noticeCall(name: string, data: { date?: string; limit?: number }): unknown {
    if (profile.role === 'clerk') {
      throw new ApiError(
        'PERMISSION_DENIED',
        { zh: '通报仅供协调员和管理员查看', en: 'Notices are for coordinators and administrators only' },
        undefined,
        name,
      );
    }
    if (name === 'listNotices') {
      return {
        notices: [...notices.values()]
          .sort((a, b) => (a.date < b.date ? 1 : -1))
          .slice(0, data.limit ?? 30)
          .map((n) => ({ date: n.date, generatedAt: n.generatedAt, totals: n.totals })),
      };
    }
    const date = String(data.date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today) throw new ApiError('INVALID_ARGUMENT', { zh: '日期无效', en: 'invalid date' }, undefined, name);
    if (name === 'getNotice') {
      const n = notices.get(date);
      if (!n) throw new ApiError('NOT_FOUND', { zh: `没有 ${date} 的通报`, en: `There is no notice for ${date}` }, undefined, name);
      return n;
    }
    const n = storedNotice(date, o.noticeSource ?? { rows: [], groups: [], activity: [] }, noticeScope());
    notices.set(date, n);
    return n;
  }

  const transport: Transport = async (name, data) => {
    calls.push({ name, data });
    // The registries, read before a check or push: answered before any failure a test set up for the sync's own calls.
    if (name === 'listTargets') {
      const { targetType, county } = data as { targetType: string; county: string };
      const entries = (o.targets ?? []).filter((t) => t.county === county && (t.creditCode !== undefined) === (targetType === '入企'));
      return JSON.parse(JSON.stringify({ entries }));
    }
    if (name === 'lookupTargets') {
      // By name, other name or credit-code prefix, as typed; the caller's county unless one is named.
      const { targetType, query, county } = data as { targetType: string; query: string; county?: string };
      const q = query.trim();
      const matches = (o.targets ?? [])
        .filter(
          (t) =>
            (t.creditCode !== undefined) === (targetType === '入企') &&
            t.county === (county ?? profile.county ?? t.county) &&
            ([t.name, ...(t.aliases ?? [])].some((n) => n.includes(q)) || (t.creditCode ?? '').startsWith(q.toUpperCase())),
        )
        .slice(0, 20);
      return JSON.parse(JSON.stringify({ matches }));
    }
    const fail = failures && failures.n > 0 ? failures : undefined;
    if (fail && !fail.after) {
      fail.n--;
      throw new ApiError(fail.status, { zh: '暂时不可用', en: 'unavailable' });
    }
    const d = data as any;
    const result =
      name === 'pushRows'
        ? pushRows(d)
        : name === 'pullRows'
          ? pullRows(d)
          : name === 'getStats'
            ? getStats(d)
            : name === 'getProfile'
              ? profile
              : name === 'getInbox'
                ? (o.inbox ?? { asOf: today, counts: {}, items: [] })
                : name === 'listDepartments'
                  ? { departments: o.departments ?? [] }
                  : name === 'listNotices' || name === 'getNotice' || name === 'generateNotice'
                    ? noticeCall(name, d ?? {})
                    : undefined;
    if (result === undefined) throw new ApiError('NOT_FOUND', { zh: '无此函数', en: 'no such function' });
    if (fail && fail.after) {
      fail.n--;
      throw new ApiError(fail.status, { zh: '回答丢失', en: 'answer lost' });
    }
    return JSON.parse(JSON.stringify(result));
  };

  return {
    transport,
    rows: (l) => [...store[l].values()],
    calls,
    failNext(n, status, after = false) {
      failures = { n, status, after };
    },
    edit(l, id, values, by = 'other@yuci.test') {
      const r = store[l].get(id)!;
      const before = String(r.values.county);
      r.values = { ...r.values, ...values } as CanonicalRow;
      moved(r, before);
      r.version++;
      r.seq = ++seq;
      r.updatedBy = by;
    },
    profile,
    notices,
  };
}

function sorted(v: CanonicalRow): [string, unknown][] {
  return Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1));
}
