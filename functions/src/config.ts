// Deployment parameters, typed. Declaring a param has no side effect: its value is only
// read at run time (`.value()`), or by firebase-tools when it deploys or emulates.
// Values come from functions/.env (copied into functions/dist by scripts/build-functions.mjs);
// the defaults below are those docs/api.md gives.
import { defineString } from 'firebase-functions/params';
import type { TaizhangCallableOptions } from './api/callable';

/** Region of every function; docs/api.md: `asia-east2`. */
export const REGION = defineString('REGION', {
  default: 'asia-east2',
  description: 'Cloud Functions region / 函数部署的区域',
});

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Each callable's resources, set on purpose (docs/security.md).
 *
 * Memory: before any code of ours runs, the platform reads and parses the JSON body, up to
 * 32 MiB of it; a body of 30 MB of small numbers takes a worker from about 150 MiB to about
 * 600 MiB on the way (adversarial-security-memory measures it). Our own code adds nothing
 * before the caller is known (api/callable.ts). So every instance has room for such a body
 * beside its work (1 GiB), and those serving two requests at once room for two (2 GiB).
 *
 * maxInstances: what one region may scale to before calls queue, far above the campaign's
 * few hundred clerks and coordinators pushing a few times a day, and a ceiling on what a
 * flood of calls can cost.
 *
 * maxRequestBytes: the largest body each callable reads; pushRows' is its 4 MiB of rows
 * (docs/api.md#pushrows) and some room, the others take a few filters.
 */
const light = { region: REGION, memory: '1GiB', concurrency: 1, maxInstances: 10, maxRequestBytes: 64 * KiB } as const;

/** getProfile, listNotices, getNotice: small requests and answers. */
export const callableOptions: TaizhangCallableOptions = light;

/** pushRows: 500 rows, up to 4 MiB, judged and stored. */
export const pushOptions: TaizhangCallableOptions = { ...light, memory: '2GiB', cpu: 1, concurrency: 2, maxInstances: 20, maxRequestBytes: 5 * MiB };

/** pullRows: pages of up to 4 MiB. */
export const pullOptions: TaizhangCallableOptions = { ...light, memory: '2GiB', cpu: 1, concurrency: 2, maxInstances: 20 };

/** getStats: streams every row in scope through the aggregator. */
export const statsOptions: TaizhangCallableOptions = { ...light, memory: '2GiB', cpu: 1, concurrency: 2, maxInstances: 10 };

/** generateNotice: reads the whole store, rarely (once a day per scope at most). */
export const noticeOptions: TaizhangCallableOptions = { ...light, timeoutSeconds: 300, maxInstances: 2 };
