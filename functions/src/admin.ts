// The functions' second front door, for tools that act on the store with the Admin SDK
// beside the callables: `taizhang admin`, `taizhang notice`, the demo seeding and the
// benchmarks. They reach the store only through what is exported here, so the paths, the
// row documents and the registers exist once, in this package.
export {
  migrateRows,
  migrateDepartments,
  departmentMigrationText,
  MIGRATION_AUTHOR,
  type MigrationReport,
  type DepartmentMigrationReport,
  type UnmappedDepartment,
} from './admin/migrate';
export { listGroups, toGroup } from './groups/store';
export { listDepartments, toDepartment } from './departments/store';
export { importTargets, listAllTargets, readTarget, writeTargets, type TargetImportReport } from './store/targets';
export { addChannel, getChannel, listChannels, removeChannel, toChannel, ChannelError } from './channels/store';
export { enqueueOnce, listOutbox, testMessage, type MessageStatus, type OutboxMessage } from './channels/outbox';
export { enqueueDailyDigests } from './channels/digests';
export { sendDueReminders } from './channels/sender';
export { channelPaths } from './channels/paths';
export { rebuildStats } from './stats/rebuild';
export { computeNotices, generateNotices, readNotice } from './supervision/service';
