// The morning digests: after the daily notice, one message per active channel that has
// something to say, decided once per day and channel (`digest-{date}-{channelId}`, created
// with create(): the job run again that day adds nothing, and a run that broke off midway
// adds only what it had not yet added).

import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import { cityDigest, countyDigest, departmentDigest, shanghaiDate, type DepartmentRow, type Notice, type Reminder, type SupervisedRow } from '@taizhang/ledger';
import { loadProblems } from '../supervision/service';
import { digestMessage, enqueueOnce } from './outbox';
import { activeChannels, type StoredChannel } from './store';

export interface DigestNotices {
  readonly city: Notice;
  readonly counties: readonly Notice[];
}

const millis = (x: unknown): number | undefined => {
  if (typeof x === 'number') return x;
  if (x && typeof (x as Timestamp).toMillis === 'function') return (x as Timestamp).toMillis();
  return undefined;
};

/** Live problems whose `departmentId` is the department's (written by the department workflow). */
export async function loadDepartmentProblems(db: Firestore, departmentId: string): Promise<DepartmentRow[]> {
  const snap = await db
    .collection('problems')
    .where('departmentId', '==', departmentId)
    .where('withdrawn', '==', false)
    .select('values', 'updatedAt', 'assignedAt', 'answeredAt', 'returnedAt')
    .get();
  return snap.docs.map((d) => {
    const updated = millis(d.get('updatedAt'));
    const [assignedAt, answeredAt, returnedAt] = ['assignedAt', 'answeredAt', 'returnedAt'].map((f) => millis(d.get(f)));
    return {
      id: d.id,
      values: (d.get('values') ?? {}) as Record<string, unknown>,
      updatedOn: updated === undefined ? '' : shanghaiDate(updated),
      ...(assignedAt !== undefined && { assignedAt }),
      ...(answeredAt !== undefined && { answeredAt }),
      ...(returnedAt !== undefined && { returnedAt }),
    };
  });
}

/** The department's name from its registry entry (`departments/{id}`), else the channel's label, else its id. */
async function departmentName(db: Firestore, departmentId: string, channel: StoredChannel): Promise<string> {
  const name = (await db.collection('departments').doc(departmentId).get()).get('name');
  return typeof name === 'string' && name !== '' ? name : channel.label || departmentId;
}

/** What a channel is told today; undefined when nothing. */
async function digestFor(
  db: Firestore,
  date: string,
  c: StoredChannel,
  notices: DigestNotices,
  countyRows: Map<string, Promise<SupervisedRow[]>>,
): Promise<Reminder | undefined> {
  const t = c.target;
  if (t.kind === 'city') return cityDigest(notices.city);
  if (t.kind === 'county') {
    const notice = notices.counties.find((n) => n.county === t.county);
    if (!countyRows.has(t.county)) countyRows.set(t.county, loadProblems(db, t.county));
    const rows = await countyRows.get(t.county)!;
    const empty = { silentGroups: [], period: notices.city.period, totals: { ...notices.city.totals, silentGroups: 0 } };
    return countyDigest({ asOf: date, county: t.county, notice: notice ?? empty, rows });
  }
  const rows = await loadDepartmentProblems(db, t.departmentId);
  if (rows.length === 0) return undefined;
  return departmentDigest({ asOf: date, departmentName: await departmentName(db, t.departmentId, c), rows });
}

export interface DigestReport {
  /** Channel ids whose digest this run created. */
  readonly created: string[];
  /** Channel ids whose digest of that day existed already. */
  readonly existing: string[];
  /** Channel ids with nothing to say. */
  readonly quiet: string[];
}

/**
 * Decides every active channel's digest of `date`. One channel whose reading fails does not
 * keep the others from theirs; the run then fails naming it, and the job's retry adds only
 * what is missing.
 */
export async function enqueueDailyDigests(db: Firestore, date: string, notices: DigestNotices, now = Date.now()): Promise<DigestReport> {
  const report: DigestReport = { created: [], existing: [], quiet: [] };
  const countyRows = new Map<string, Promise<SupervisedRow[]>>();
  const failed: string[] = [];
  for (const c of await activeChannels(db)) {
    try {
      const r = await digestFor(db, date, c, notices, countyRows);
      if (!r) report.quiet.push(c.id);
      else if (await enqueueOnce(db, digestMessage(date, c.id, r, now))) report.created.push(c.id);
      else report.existing.push(c.id);
    } catch {
      failed.push(c.id);
    }
  }
  if (failed.length > 0) throw new Error(`daily digests of ${date} not decided for channels ${failed.join(', ')}`);
  return report;
}
