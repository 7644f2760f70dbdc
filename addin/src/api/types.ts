// The wire shapes of the callables (API.md): declared once in the ledger core, for both ends.
export type {
  CurrentRow, GroupBy, Profile, PullAnswer, PullFilter, PullRequest, PulledRow, PushAnswer, PushResult, PushRow,
  PushStatus, StatFigures, StatsAnswer, StatsRequest, WireError,
} from '@taizhang/ledger';
