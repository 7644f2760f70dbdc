// The wire shapes of the callables (docs/api.md): declared once in the ledger core, for both ends.
import type { Notice as NoticeCore, NoticeTotals } from '@taizhang/ledger';

export type {
  CurrentRow,
  GroupBy,
  Profile,
  PullAnswer,
  PullFilter,
  PullRequest,
  PulledRow,
  LivePulledRow,
  WithdrawnPulledRow,
  PushAnswer,
  PushResult,
  PushRow,
  PushStatus,
  StatFigures,
  StatsAnswer,
  StatsRequest,
  WireError,
  InboxRequest,
  InboxItem,
  InboxAnswer,
  HistoryRequest,
  HistoryAnswer,
  Revision,
  RevisionChange,
  DepartmentsAnswer,
  LookupTargetsRequest,
  LookupTargetsAnswer,
  ListTargetsRequest,
  ListTargetsAnswer,
  TargetMatch,
  WireWarning,
  DuplicateMatch,
  MarkDuplicateRequest,
  UnmarkDuplicateRequest,
  DismissDuplicateRequest,
  DuplicateDecisionAnswer,
} from '@taizhang/ledger';

// Notices (docs/api.md#the-notice): the notice shape is the ledger core's; the wire adds generatedAt.
export type { NoticeTotals, ProgressFigures, SilentGroup, EscalationItem, OverdueItem } from '@taizhang/ledger';

/** getNotice / generateNotice answer: the notice in the caller's scope. */
export type NoticeAnswer = NoticeCore & { readonly generatedAt: string };

export interface ListNoticesRequest {
  /** 1…366, default 30. */
  readonly limit?: number;
}

/** listNotices answer: newest first; a county coordinator gets its county's totals. */
export interface ListNoticesAnswer {
  readonly notices: { readonly date: string; readonly generatedAt: string; readonly totals: NoticeTotals }[];
}
