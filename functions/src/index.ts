// Only exports. Nothing runs at import time except declaring the functions:
// no initializeApp() here — the store initialises firebase-admin lazily on first use.
export { getProfile } from './api/getProfile';
export { pushRows } from './api/pushRows';
export { pullRows } from './api/pullRows';
export { getStats } from './api/getStats';
export { listNotices } from './api/listNotices';
export { getNotice } from './api/getNotice';
export { generateNotice } from './api/generateNotice';
export { dailyNotice } from './api/dailyNotice';
export { sendReminders } from './api/sendReminders';
export { getInbox } from './api/getInbox';
export { getHistory } from './api/getHistory';
export { listDepartments } from './api/listDepartments';
export { lookupTargets } from './api/lookupTargets';
export { listTargets } from './api/listTargets';
export { markDuplicate } from './api/markDuplicate';
export { unmarkDuplicate } from './api/unmarkDuplicate';
export { dismissDuplicate } from './api/dismissDuplicate';
