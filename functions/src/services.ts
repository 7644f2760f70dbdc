// The callables' service layer without their callable wrapping (auth, schemas, limits):
// what the benchmarks time against the emulators.
export type { Caller } from './auth';
export { pushRows, type PushOptions } from './push/service';
export { detectDuplicates } from './push/duplicates';
export { lookupTargets } from './store/targets';
export { diffValues } from './push/plan';
export { getStats, scanStats } from './stats/service';
export { readCellsOf, readFieldCells, SHARDS, stageStatDelta, statsComplete } from './stats/store';
export { computeNotices, computeNoticesByScan, loadNoticeRows } from './supervision/service';
export { readInbox } from './inbox/service';
