// The pane's state and the actions that change it: a tiny external store (no framework),
// read by React through useSyncExternalStore. Every Excel operation goes through the engine.

import {
  todayInShanghai,
  type CanonicalRow,
  type DepartmentRecord,
  type DuplicateMatch,
  type LedgerName,
  type TargetIndex,
  type TargetMatch,
  type TargetType,
  type WireWarning,
} from '@taizhang/ledger';
import { loadRegistryEntries, troubleRows, type ApiClient, type FoundDuplicates, type RowWarnings } from '@taizhang/client';
import type { GroupBy, InboxAnswer, Profile, PullFilter } from '@taizhang/client';
import {
  activeSheetName,
  check,
  createLedgerSheet,
  fillTargetIntoSelectedRow,
  loadChoices,
  noticeSheets,
  openRow,
  pull,
  push,
  resolveConflicts,
  saveChoices,
  selectError,
  summary,
} from '../engine';
import { rowFromHistory } from './compare';
import type { Choice, Conflict, FlowOptions, Phase, RowErrors } from '../engine';
import type { ExcelHost } from '../excel/host';
import type { Backend } from './backend';

export type FlowName = 'createSheet' | 'check' | 'push' | 'pull' | 'summary' | 'resolve' | 'notice' | 'open' | 'fill' | 'compare' | 'decideDuplicate';

/** The pane's views, one task each; a role sees those it may use (viewsOf). */
export type ViewName = 'inbox' | 'entry' | 'list' | 'stats' | 'notice';

export function viewsOf(role: Profile['role'] | undefined): readonly ViewName[] {
  if (role === 'coordinator' || role === 'admin') return ['inbox', 'entry', 'list', 'stats', 'notice'];
  if (role === 'department') return ['inbox', 'entry', 'list'];
  return ['inbox', 'entry', 'list', 'stats'];
}

/** Two problems side by side: the one a push stored (or a to-do names) and one it likely repeats. */
export interface Comparison {
  readonly id: string;
  readonly of: string;
  readonly match?: DuplicateMatch;
  readonly mine: CanonicalRow;
  readonly theirs: CanonicalRow;
}

export interface Busy {
  readonly flow: FlowName;
  readonly phase?: Phase;
  readonly done: number;
  readonly total: number;
  readonly cancelling: boolean;
}

/** A result line; `key` + `args` name a function of Strings, so it renders in either language. */
export interface Notice {
  readonly kind: 'success' | 'warning' | 'info';
  readonly key:
    | 'created'
    | 'checked'
    | 'checkedClean'
    | 'pushed'
    | 'pushedNothing'
    | 'pushCancelled'
    | 'pushFailedPartly'
    | 'forbiddenRows'
    | 'serverInvalid'
    | 'commentsNotWritten'
    | 'pulled'
    | 'summarized'
    | 'overdueCount'
    | 'cancelled'
    | 'resolved'
    | 'noticeMade'
    | 'noticeGenerated'
    | 'opened'
    | 'notInList'
    | 'filledCells'
    | 'noRegistry'
    | 'registryWarned'
    | 'duplicatesFound'
    | 'targetFilled'
    | 'noTargets'
    | 'linked'
    | 'dismissed';
  readonly args: readonly (string | number | boolean)[];
}

export interface PaneState {
  readonly auth: 'starting' | 'signedOut' | 'signingIn' | 'signedIn';
  readonly email?: string;
  readonly profile?: Profile;
  readonly ledger: LedgerName;
  /** The sheet the errors and conflicts below belong to. */
  readonly sheet?: string;
  readonly busy?: Busy;
  readonly notices: readonly Notice[];
  /** The last failure, explained when rendered (errors.ts). */
  readonly error?: unknown;
  readonly rowErrors: readonly RowErrors[];
  readonly conflicts: readonly Conflict[];
  readonly decisions: Readonly<Record<string, Choice>>;
  readonly view: ViewName;
  readonly pullFilter: PullFilter;
  /** Only problems past their 办结时限 (the list is then pulled whole). */
  readonly overdueOnly: boolean;
  readonly pullFull: boolean;
  /** Valid rows the registries disagree with (校验 and 上报): worth a look, no error. */
  readonly warnings: readonly RowWarnings[];
  /** Rows the last push stored that likely repeat another group's problem. */
  readonly duplicates: readonly FoundDuplicates[];
  readonly compare?: Comparison;
  /** How many enterprises and villages of the account's county the pane holds; undefined: none read. */
  readonly registrySize?: number;
  readonly targetType: TargetType;
  /** The search's last answer; undefined before any search. */
  readonly targetMatches?: readonly TargetMatch[];
  readonly groupBy: GroupBy;
  /** Day of the notice sheets (YYYY-MM-DD); absent: today in Asia/Shanghai. */
  readonly noticeDate?: string;
  /** What awaits the account (待办), as last read. */
  readonly inbox?: InboxAnswer;
  readonly inboxLoading?: boolean;
  /** The registry of departments (the 责任单位 dropdown, a department account's name). */
  readonly departments?: readonly DepartmentRecord[];
  /** The to-do item last opened in the sheet, with the 审核意见 its row shows. */
  readonly opened?: { readonly id: string; readonly review: string };
}

export const initialState: PaneState = {
  auth: 'starting',
  ledger: 'problems',
  notices: [],
  rowErrors: [],
  conflicts: [],
  decisions: {},
  view: 'inbox',
  pullFilter: {},
  overdueOnly: false,
  pullFull: false,
  warnings: [],
  duplicates: [],
  targetType: '入企',
  groupBy: 'county',
};

export interface PaneActions {
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  setLedger(l: LedgerName): void;
  setView(v: ViewName): void;
  setPullFilter(f: PullFilter): void;
  setOverdueOnly(on: boolean): void;
  setPullFull(full: boolean): void;
  setTargetType(t: TargetType): void;
  /** The registry's enterprises or villages by name, other name or credit code. */
  searchTargets(query: string): Promise<void>;
  /** Writes a found entry into the row selected in the sheet. */
  fillTarget(match: TargetMatch): Promise<void>;
  /** Opens two problems side by side. */
  openCompare(id: string, of: string, match?: DuplicateMatch): Promise<void>;
  closeCompare(): void;
  /** Coordinators: the compared problem repeats the other (markDuplicate). */
  linkDuplicate(): Promise<void>;
  /** Coordinators: the two are not the same problem (dismissDuplicate). */
  dismissDuplicate(): Promise<void>;
  setGroupBy(g: GroupBy): void;
  createSheet(): Promise<void>;
  check(): Promise<void>;
  push(): Promise<void>;
  pull(): Promise<void>;
  summary(): Promise<void>;
  setNoticeDate(date: string): void;
  /** 通报 sheets of the chosen day (coordinators and administrators). */
  noticeSheets(): Promise<void>;
  cancel(): void;
  decide(key: string, choice: Choice): void;
  applyDecisions(): Promise<void>;
  goTo(address: string): Promise<void>;
  dismissError(): void;
  /** Reads the to-do again. */
  refreshInbox(): Promise<void>;
  /** Selects a to-do item's row on the account's list sheet, pulling the list first when the sheet lacks it. */
  openItem(id: string): Promise<void>;
}

export class PaneStore {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private abort?: AbortController;
  private unsubscribe?: () => void;
  /** The account's county's registries, for filling and warnings in 校验 and 上报. */
  private registry?: TargetIndex;
  private targetNames?: readonly string[];
  /** The choices being written to the workbook; a flow waits for it, as both rewrite the add-in's hidden state. */
  private saving: Promise<void> = Promise.resolve();

  /** `defaults`: flow options for every call (tests fix `today`). */
  constructor(
    private readonly host: ExcelHost,
    private readonly backend: Backend,
    init: Partial<PaneState> = {},
    private readonly defaults: Pick<FlowOptions, 'today' | 'batchBytes' | 'chunkRows'> = {},
  ) {
    this.state = { ...initialState, ...init };
  }

  getState = (): PaneState => this.state;

  /** The notice day shown and used: the chosen one, else today in Asia/Shanghai. */
  noticeDate(): string {
    return this.state.noticeDate ?? this.defaults.today ?? todayInShanghai();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Back to a signed-out pane; only the chosen ledger is kept. */
  private reset(): void {
    this.registry = undefined;
    this.targetNames = undefined;
    this.state = {
      ...initialState,
      auth: 'signedOut',
      ledger: this.state.ledger,
      pullFilter: this.state.pullFilter,
      overdueOnly: this.state.overdueOnly,
      groupBy: this.state.groupBy,
    };
    for (const l of this.listeners) l();
  }

  /** Starts listening to the session; returns the stop function. */
  start(): () => void {
    this.unsubscribe ??= this.backend.onAuthChange((user) => {
      if (!user) {
        this.reset();
        return;
      }
      this.set({ auth: 'signedIn', email: user.email });
      void this.loadProfile();
    });
    return () => {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    };
  }

  private async loadProfile(): Promise<void> {
    try {
      const profile = await this.backend.api().getProfile();
      this.set({ profile });
    } catch (error) {
      this.set({ error });
      return;
    }
    await Promise.all([this.actions.refreshInbox(), this.loadDepartments(), this.loadRegistry(), this.loadChoices()]);
  }

  /**
   * The enterprises and villages of the account's county: 校验 fills from them and the
   * 服务对象 dropdown offers them. Without them (a city-wide or department account, or
   * offline) the pane works as before and says 校验 had no registry.
   */
  private async loadRegistry(): Promise<void> {
    const county = this.state.profile?.county;
    if (!county || this.state.profile?.role === 'department') return;
    try {
      const { entries, index } = await loadRegistryEntries(this.api(), [county]);
      this.registry = index;
      this.targetNames = [...new Set(entries.map((e) => e.name))];
      this.set({ registrySize: index.size });
    } catch {
      this.registry = undefined;
    }
  }

  /** The choices last made in this workbook; a workbook without them keeps the defaults. */
  private async loadChoices(): Promise<void> {
    try {
      const c = await loadChoices(this.host);
      if (!c) return;
      const filter =
        typeof c.pullFilter === 'object' && c.pullFilter !== null
          ? (Object.fromEntries(Object.entries(c.pullFilter as Record<string, unknown>).filter(([, v]) => typeof v === 'string' && v !== '')) as PullFilter)
          : {};
      this.set({
        pullFilter: filter,
        overdueOnly: c.overdueOnly === true,
        ...(typeof c.groupBy === 'string' && { groupBy: c.groupBy as GroupBy }),
      });
    } catch {
      // The defaults stand.
    }
  }

  /** Keeps the choices in the workbook; never while a flow writes it. */
  private rememberChoices(): void {
    if (this.state.busy) return;
    // One save after another, each writing the choices as they are when it runs.
    this.saving = this.saving
      .then(() => {
        const { pullFilter, overdueOnly, groupBy } = this.state;
        return saveChoices(this.host, { pullFilter, overdueOnly, groupBy });
      })
      .catch(() => {
        // Not remembered this time; nothing else depends on it.
      });
  }

  /** The registry's names for the 责任单位 dropdown; without them the column stays free text, still checked by the server. */
  private async loadDepartments(): Promise<void> {
    try {
      const { departments } = await this.api().listDepartments();
      this.set({ departments });
    } catch {
      this.set({ departments: [] });
    }
  }

  private api(): ApiClient {
    return this.backend.api();
  }

  /** Runs one flow: busy state, progress, cancel, and every failure shown, never thrown. */
  private async run(
    flow: FlowName,
    body: (o: { signal: AbortSignal; onProgress: (done: number, total: number, phase: Phase) => void }) => Promise<Partial<PaneState>>,
  ): Promise<void> {
    if (this.state.busy) return;
    const ctrl = new AbortController();
    this.abort = ctrl;
    this.set({ busy: { flow, done: 0, total: 0, cancelling: false }, error: undefined, notices: [] });
    const onProgress = (done: number, total: number, phase: Phase): void => {
      const b = this.state.busy;
      if (b) this.set({ busy: { ...b, done, total, phase } });
    };
    try {
      await this.saving;
      const patch = await body({ signal: ctrl.signal, onProgress });
      this.set({ ...patch, busy: undefined });
    } catch (error) {
      const cancelled = ctrl.signal.aborted || (error as { status?: string }).status === 'CANCELLED' || (error as { code?: string }).code === 'cancelled';
      this.set(cancelled ? { busy: undefined, notices: [{ kind: 'info', key: 'cancelled', args: [] }] } : { busy: undefined, error });
    } finally {
      this.abort = undefined;
    }
  }

  private flowOptions(o: { signal: AbortSignal; onProgress: (d: number, t: number, p: Phase) => void }) {
    return {
      ...this.defaults,
      signal: o.signal,
      onProgress: o.onProgress,
      ...(this.state.profile && { profile: this.state.profile }),
      ...(this.state.departments && { departments: this.state.departments.filter((d) => d.active).map((d) => d.name) }),
      ...(this.registry && { registry: this.registry }),
      ...(this.targetNames && { targets: this.targetNames }),
    };
  }

  readonly actions: PaneActions = {
    signIn: async (email, password) => {
      if (!email.trim() || !password) {
        this.set({ error: { code: 'auth/missing-password' } });
        return;
      }
      this.set({ auth: 'signingIn', error: undefined });
      try {
        await this.backend.signIn(email.trim(), password);
        // onAuthChange moves to signedIn; if it already has, make sure we leave signingIn.
        if (this.state.auth === 'signingIn') this.set({ auth: 'signedIn', email: email.trim() });
      } catch (error) {
        this.set({ auth: 'signedOut', error });
      }
    },
    signOut: async () => {
      this.abort?.abort();
      try {
        await this.backend.signOut();
      } finally {
        this.reset();
      }
    },
    setLedger: (ledger) => this.set({ ledger, rowErrors: [], warnings: [], conflicts: [], decisions: {}, notices: [] }),
    setView: (view) => this.set({ view, compare: undefined }),
    setPullFilter: (pullFilter) => {
      this.set({ pullFilter });
      this.rememberChoices();
    },
    setOverdueOnly: (overdueOnly) => {
      this.set({ overdueOnly });
      this.rememberChoices();
    },
    setPullFull: (pullFull) => this.set({ pullFull }),
    setGroupBy: (groupBy) => {
      this.set({ groupBy });
      this.rememberChoices();
    },
    setTargetType: (targetType) => this.set({ targetType, targetMatches: undefined }),
    searchTargets: async (query) => {
      const q = query.trim();
      if (!q) {
        this.set({ targetMatches: undefined });
        return;
      }
      try {
        const { matches } = await this.api().lookupTargets({ targetType: this.state.targetType, query: q });
        this.set({ targetMatches: matches });
      } catch (error) {
        this.set({ error });
      }
    },
    fillTarget: (match) =>
      this.run('fill', async () => {
        const r = await fillTargetIntoSelectedRow(this.host, match, this.state.targetType);
        return { notices: [{ kind: 'success', key: 'targetFilled', args: [match.name, r.sheet, r.row, r.headers.length] }] };
      }),
    openCompare: (id, of, match) =>
      this.run('compare', async (o) => {
        const [a, b] = await Promise.all([
          this.api().getHistory({ ledger: 'problems', id }, o.signal),
          this.api().getHistory({ ledger: 'problems', id: of }, o.signal),
        ]);
        return { compare: { id, of, ...(match && { match }), mine: rowFromHistory(a.revisions), theirs: rowFromHistory(b.revisions) } };
      }),
    closeCompare: () => this.set({ compare: undefined }),
    linkDuplicate: () => this.decideDuplicate('link'),
    dismissDuplicate: () => this.decideDuplicate('dismiss'),
    createSheet: () =>
      this.run('createSheet', async (o) => {
        const r = await createLedgerSheet(this.host, this.state.ledger, this.flowOptions(o));
        return { sheet: r.sheet, rowErrors: [], conflicts: [], notices: [{ kind: 'success', key: 'created', args: [r.sheet] }] };
      }),
    check: () =>
      this.run('check', async (o) => {
        const sheet = await activeSheetName(this.host);
        const r = await check(this.host, { ...this.flowOptions(o), sheet, ledger: this.state.ledger, api: this.api() });
        const warned = r.warnings.length;
        const notices: Notice[] = [{ kind: r.invalid || warned ? 'warning' : 'success', key: 'checked', args: [r.rows, r.valid, r.invalid, r.toPush] }];
        if (!r.invalid) notices.push({ kind: warned ? 'info' : 'success', key: 'checkedClean', args: [] });
        if (r.filled !== undefined) notices.push({ kind: 'info', key: 'filledCells', args: [r.filled] });
        else if (this.state.profile?.role !== 'department') notices.push({ kind: 'info', key: 'noRegistry', args: [] });
        if (warned) notices.push({ kind: 'warning', key: 'registryWarned', args: [warned] });
        if (r.commentsNotWritten) notices.push({ kind: 'warning', key: 'commentsNotWritten', args: [r.commentsNotWritten] });
        return { sheet, rowErrors: r.errors, warnings: r.warnings, notices };
      }),
    push: () =>
      this.run('push', async (o) => {
        const sheet = await activeSheetName(this.host);
        const r = await push(this.host, this.api(), { ...this.flowOptions(o), sheet, ledger: this.state.ledger });
        const ok = (r.counts.created ?? 0) + (r.counts.updated ?? 0) + (r.counts.unchanged ?? 0);
        const notices: Notice[] = [];
        if (r.cancelled && !r.error) notices.push({ kind: 'info', key: 'pushCancelled', args: [r.sent] });
        else if (r.error) notices.push({ kind: 'warning', key: 'pushFailedPartly', args: [r.sent] });
        else if (r.toSend === 0) notices.push({ kind: 'info', key: 'pushedNothing', args: [] });
        // Green only when every row sent is in step and nothing waits for the clerk.
        else notices.push({ kind: ok === r.sent && troubleRows(r) === 0 ? 'success' : 'warning', key: 'pushed', args: [r.sent, ok] });
        if (r.forbidden.length) notices.push({ kind: 'warning', key: 'forbiddenRows', args: [r.forbidden.length] });
        if (r.serverInvalid.length) notices.push({ kind: 'warning', key: 'serverInvalid', args: [r.serverInvalid.length] });
        if (r.commentsNotWritten) notices.push({ kind: 'warning', key: 'commentsNotWritten', args: [r.commentsNotWritten] });
        if (r.filled) notices.push({ kind: 'info', key: 'filledCells', args: [r.filled] });
        const warnings = mergeWarnings(r.warnings, r.serverWarnings);
        if (warnings.length) notices.push({ kind: 'warning', key: 'registryWarned', args: [warnings.length] });
        if (r.duplicates.length) notices.push({ kind: 'warning', key: 'duplicatesFound', args: [r.duplicates.length] });
        const decisions: Record<string, Choice> = {};
        for (const c of r.conflicts) decisions[c.key] = 'later';
        return {
          sheet,
          rowErrors: r.invalid,
          warnings,
          duplicates: r.duplicates,
          conflicts: r.conflicts,
          decisions,
          notices,
          ...(r.error && { error: r.error }),
        };
      }).then(() => this.refreshInboxQuietly()),
    pull: () =>
      this.run('pull', async (o) => {
        const filter = Object.fromEntries(Object.entries(this.state.pullFilter).filter(([, v]) => v && v.trim())) as PullFilter;
        const overdue = this.state.overdueOnly && this.state.ledger === 'problems';
        const r = await pull(this.host, this.api(), {
          ...this.flowOptions(o),
          ledger: this.state.ledger,
          filter,
          full: this.state.pullFull,
          ...(overdue && { overdueAsOf: this.defaults.today ?? todayInShanghai() }),
        });
        return { notices: [{ kind: 'success', key: 'pulled', args: [r.sheet, r.rows, r.added, r.updated, r.incremental, r.withdrawn, r.left] }] };
      }),
    summary: () =>
      this.run('summary', async (o) => {
        const r = await summary(this.host, this.api(), { ...this.flowOptions(o), ledger: this.state.ledger, groupBy: this.state.groupBy });
        const notices: Notice[] = [{ kind: 'success', key: 'summarized', args: [r.sheet, r.groups, r.asOf] }];
        if (r.overdue !== undefined) notices.push({ kind: 'info', key: 'overdueCount', args: [r.overdue] });
        return { notices };
      }),
    setNoticeDate: (noticeDate) => this.set({ noticeDate }),
    noticeSheets: () =>
      this.run('notice', async (o) => {
        const r = await noticeSheets(this.host, this.api(), { ...this.flowOptions(o), date: this.noticeDate() });
        const notices: Notice[] = [{ kind: 'success', key: 'noticeMade', args: [r.sheet, r.overdueSheet, r.overdue] }];
        if (r.generated) notices.push({ kind: 'info', key: 'noticeGenerated', args: [r.date] });
        return { notices };
      }),
    cancel: () => {
      const b = this.state.busy;
      if (!b || !this.abort) return;
      this.abort.abort();
      this.set({ busy: { ...b, cancelling: true } });
    },
    decide: (key, choice) => this.set({ decisions: { ...this.state.decisions, [key]: choice } }),
    applyDecisions: () =>
      this.run('resolve', async (o) => {
        const sheet = this.state.sheet;
        if (!sheet) return {};
        const decisions = this.state.conflicts.map((conflict) => ({ conflict, choice: this.state.decisions[conflict.key] ?? 'later' }));
        const r = await resolveConflicts(this.host, this.api(), { ...this.flowOptions(o), sheet, ledger: this.state.ledger, decisions });
        const left = this.state.conflicts.filter((c) => (this.state.decisions[c.key] ?? 'later') === 'later');
        const again = r.push?.conflicts ?? [];
        const conflicts = [...left, ...again.filter((c) => !left.some((l) => l.key === c.key))];
        const next: Record<string, Choice> = {};
        for (const c of conflicts) next[c.key] = 'later';
        return {
          conflicts,
          decisions: next,
          notices: [{ kind: 'success', key: 'resolved', args: [r.kept, r.taken, r.later] }],
          ...(r.push?.error && { error: r.push.error }),
        };
      }),
    goTo: async (address) => {
      const sheet = this.state.sheet;
      if (!sheet) return;
      try {
        await selectError(this.host, sheet, address);
      } catch (error) {
        this.set({ error });
      }
    },
    dismissError: () => this.set({ error: undefined }),
    refreshInbox: async () => {
      if (!this.state.profile) return;
      this.set({ inboxLoading: true });
      try {
        const inbox = await this.api().getInbox({ ...(this.defaults.today && { asOf: this.defaults.today }) });
        this.set({ inbox, inboxLoading: false });
      } catch (error) {
        this.set({ inboxLoading: false, error });
      }
    },
    openItem: (id) =>
      this.run('open', async (o) => {
        const r = await openRow(this.host, this.api(), { ...this.flowOptions(o), ledger: 'problems', id });
        const notices: Notice[] =
          r.row === undefined
            ? [{ kind: 'warning', key: 'notInList', args: [id, r.sheet] }]
            : [{ kind: 'success', key: 'opened', args: [id, r.sheet, r.row, r.pulled] }];
        return { ledger: 'problems', sheet: r.sheet, opened: { id, review: r.review }, notices };
      }),
  };

  /** A coordinator's decision on the compared pair; the pair leaves the lists either way. */
  private decideDuplicate(how: 'link' | 'dismiss'): Promise<void> {
    return this.run('decideDuplicate', async (o) => {
      const c = this.state.compare;
      if (!c) return {};
      const req = { ledger: 'problems' as const, id: c.id, of: c.of };
      if (how === 'link') await this.api().markDuplicate(req, o.signal);
      else await this.api().dismissDuplicate(req, o.signal);
      const duplicates = this.state.duplicates
        .map((d) => (d.id === c.id ? { ...d, matches: d.matches.filter((m) => m.id !== c.of) } : d))
        .filter((d) => d.matches.length > 0);
      return { compare: undefined, duplicates, notices: [{ kind: 'success', key: how === 'link' ? 'linked' : 'dismissed', args: [c.id, c.of] }] };
    }).then(() => this.refreshInboxQuietly());
  }

  /** After a push the to-do may have changed; a failure to read it again is no failure of the push. */
  private async refreshInboxQuietly(): Promise<void> {
    if (!this.state.profile) return;
    try {
      const inbox = await this.api().getInbox({ ...(this.defaults.today && { asOf: this.defaults.today }) });
      this.set({ inbox });
    } catch {
      // the list stays as it was; 刷新 reads it again
    }
  }
}

/** The client's warnings and the server's on the same rows, once per row and field. */
export function mergeWarnings(mine: readonly RowWarnings[], theirs: readonly { row: number; key: string; warnings: readonly WireWarning[] }[]): RowWarnings[] {
  const byKey = new Map(mine.map((w) => [w.key, { ...w, warnings: [...w.warnings] }]));
  for (const t of theirs) {
    const row = byKey.get(t.key) ?? { row: t.row, key: t.key, warnings: [] };
    for (const w of t.warnings) {
      if (row.warnings.some((x) => x.field === w.field)) continue;
      row.warnings.push({ row: t.row, address: null, field: w.field, header: w.header, code: 'registry', zh: w.zh, en: w.en, message: w.message });
    }
    byKey.set(t.key, row);
  }
  return [...byKey.values()].filter((r) => r.warnings.length > 0).sort((a, b) => a.row - b.row);
}
