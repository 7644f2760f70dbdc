// Deployment parameters, typed. Declaring a param has no side effect: its value is only
// read at run time (`.value()`), or by firebase-tools when it deploys or emulates.
// Values come from functions/.env (copied into functions/dist by scripts/build-functions.mjs);
// the defaults below are those docs/api.md gives.
import { defineString } from 'firebase-functions/params';
import type { CallableOptions } from 'firebase-functions/v2/https';

/** Region of every function; docs/api.md: `asia-east2`. */
export const REGION = defineString('REGION', {
  default: 'asia-east2',
  description: 'Cloud Functions region / 函数部署的区域',
});

/** Options shared by every callable (`onCall(callableOptions, handler)`). */
export const callableOptions: CallableOptions = {
  region: REGION,
};
