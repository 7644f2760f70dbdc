// `taizhang push` on the wire: the planned rows go to pushRows through the shared client
// (chunks of ≤ 500 rows, retries with the same requestId); the sync core turns every answer
// into cell writes, as the add-in's push does.

import { sendRows, type PushTally } from '@taizhang/client';
import type { PushPlan } from './plan';

/** The plan's writes, then the answers'. */
export async function sendPlan(plan: PushPlan, api: Parameters<typeof sendRows>[2], signal?: AbortSignal): Promise<PushTally> {
  const t = await sendRows(plan.cols, plan.outgoing, api, signal ? { signal } : {});
  return { ...t, writes: [...plan.writes, ...t.writes] };
}
