// The pane's state and the actions that change it: a tiny external store (no framework),
// read by React through useSyncExternalStore. Every Excel operation goes through the engine.

import { todayInShanghai, type DepartmentRecord, type LedgerName } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';
import type { GroupBy, InboxAnswer, Profile, PullFilter } from '@taizhang/client';
import { activeSheetName, check, createLedgerSheet, noticeSheets, openRow, pull, push, resolveConflicts, selectError, summary } from '../engine';
import type { Choice, Conflict, FlowOptions, Phase, RowErrors } from '../engine';
import type { ExcelHost } from '../excel/host';
import type { Backend } from './backend';

export type FlowName = 'createSheet' | 'check' | 'push' | 'pull' | 'summary' | 'resolve' | 'notice' | 'open';

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
  readonly key: 'created' | 'checked' | 'checkedClean' | 'pushed' | 'pushedNothing' | 'pushCancelled' | 'pushFailedPartly'
    | 'forbiddenRows' | 'serverInvalid' | 'commentsNotWritten' | 'pulled' | 'summarized' | 'overdueCount' | 'cancelled' | 'resolved'
    | 'noticeMade' | 'noticeGenerated' | 'opened' | 'notInList';
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
  readonly pullFilter: PullFilter;
  readonly pullFull: boolean;
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
  pullFilter: {},
  pullFull: false,
  groupBy: 'county',
};

export interface PaneActions {
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  setLedger(l: LedgerName): void;
  setPullFilter(f: PullFilter): void;
  setPullFull(full: boolean): void;
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

  /** `defaults`: flow options for every call (tests fix `today`). */
  constructor(
    private readonly host: ExcelHost, private readonly backend: Backend, init: Partial<PaneState> = {},
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
    this.state = { ...initialState, auth: 'signedOut', ledger: this.state.ledger };
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
    await Promise.all([this.actions.refreshInbox(), this.loadDepartments()]);
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
  private async run(flow: FlowName, body: (o: { signal: AbortSignal; onProgress: (done: number, total: number, phase: Phase) => void }) => Promise<Partial<PaneState>>): Promise<void> {
    if (this.state.busy) return;
    const ctrl = new AbortController();
    this.abort = ctrl;
    this.set({ busy: { flow, done: 0, total: 0, cancelling: false }, error: undefined, notices: [] });
    const onProgress = (done: number, total: number, phase: Phase): void => {
      const b = this.state.busy;
      if (b) this.set({ busy: { ...b, done, total, phase } });
    };
    try {
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
      ...this.defaults, signal: o.signal, onProgress: o.onProgress,
      ...(this.state.profile && { profile: this.state.profile }),
      ...(this.state.departments && { departments: this.state.departments.filter((d) => d.active).map((d) => d.name) }),
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
    setLedger: (ledger) => this.set({ ledger, rowErrors: [], conflicts: [], decisions: {}, notices: [] }),
    setPullFilter: (pullFilter) => this.set({ pullFilter }),
    setPullFull: (pullFull) => this.set({ pullFull }),
    setGroupBy: (groupBy) => this.set({ groupBy }),
    createSheet: () => this.run('createSheet', async (o) => {
      const r = await createLedgerSheet(this.host, this.state.ledger, this.flowOptions(o));
      return { sheet: r.sheet, rowErrors: [], conflicts: [], notices: [{ kind: 'success', key: 'created', args: [r.sheet] }] };
    }),
    check: () => this.run('check', async (o) => {
      const sheet = await activeSheetName(this.host);
      const r = await check(this.host, { ...this.flowOptions(o), sheet, ledger: this.state.ledger, api: this.api() });
      const notices: Notice[] = [{ kind: r.invalid ? 'warning' : 'success', key: 'checked', args: [r.rows, r.valid, r.invalid, r.toPush] }];
      if (!r.invalid) notices.push({ kind: 'success', key: 'checkedClean', args: [] });
      if (r.commentsNotWritten) notices.push({ kind: 'warning', key: 'commentsNotWritten', args: [r.commentsNotWritten] });
      return { sheet, rowErrors: r.errors, notices };
    }),
    push: () => this.run('push', async (o) => {
      const sheet = await activeSheetName(this.host);
      const r = await push(this.host, this.api(), { ...this.flowOptions(o), sheet, ledger: this.state.ledger });
      const ok = (r.counts.created ?? 0) + (r.counts.updated ?? 0) + (r.counts.unchanged ?? 0);
      const notices: Notice[] = [];
      if (r.cancelled && !r.error) notices.push({ kind: 'info', key: 'pushCancelled', args: [r.sent] });
      else if (r.error) notices.push({ kind: 'warning', key: 'pushFailedPartly', args: [r.sent] });
      else if (r.toSend === 0) notices.push({ kind: 'info', key: 'pushedNothing', args: [] });
      else notices.push({ kind: 'success', key: 'pushed', args: [r.sent, ok] });
      if (r.forbidden.length) notices.push({ kind: 'warning', key: 'forbiddenRows', args: [r.forbidden.length] });
      if (r.serverInvalid.length) notices.push({ kind: 'warning', key: 'serverInvalid', args: [r.serverInvalid.length] });
      if (r.commentsNotWritten) notices.push({ kind: 'warning', key: 'commentsNotWritten', args: [r.commentsNotWritten] });
      const decisions: Record<string, Choice> = {};
      for (const c of r.conflicts) decisions[c.key] = 'later';
      return { sheet, rowErrors: r.invalid, conflicts: r.conflicts, decisions, notices, ...(r.error && { error: r.error }) };
    }).then(() => this.refreshInboxQuietly()),
    pull: () => this.run('pull', async (o) => {
      const filter = Object.fromEntries(Object.entries(this.state.pullFilter).filter(([, v]) => v && v.trim())) as PullFilter;
      const r = await pull(this.host, this.api(), { ...this.flowOptions(o), ledger: this.state.ledger, filter, full: this.state.pullFull });
      return { notices: [{ kind: 'success', key: 'pulled', args: [r.sheet, r.rows, r.added, r.updated, r.incremental, r.withdrawn, r.left] }] };
    }),
    summary: () => this.run('summary', async (o) => {
      const r = await summary(this.host, this.api(), { ...this.flowOptions(o), ledger: this.state.ledger, groupBy: this.state.groupBy });
      const notices: Notice[] = [{ kind: 'success', key: 'summarized', args: [r.sheet, r.groups, r.asOf] }];
      if (r.overdue !== undefined) notices.push({ kind: 'info', key: 'overdueCount', args: [r.overdue] });
      return { notices };
    }),
    setNoticeDate: (noticeDate) => this.set({ noticeDate }),
    noticeSheets: () => this.run('notice', async (o) => {
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
    applyDecisions: () => this.run('resolve', async (o) => {
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
    openItem: (id) => this.run('open', async (o) => {
      const r = await openRow(this.host, this.api(), { ...this.flowOptions(o), ledger: 'problems', id });
      const notices: Notice[] = r.row === undefined
        ? [{ kind: 'warning', key: 'notInList', args: [id, r.sheet] }]
        : [{ kind: 'success', key: 'opened', args: [id, r.sheet, r.row, r.pulled] }];
      return { ledger: 'problems', sheet: r.sheet, opened: { id, review: r.review }, notices };
    }),
  };

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
