// `getProfile` (API.md): who am I — uid, email, role, county?, group? from the ID token.
import { onCall } from 'firebase-functions/v2/https';
import { requireCaller, type Caller } from '../auth';
import { callableOptions } from '../config';

export type GetProfileResponse = Caller;

export const getProfile = onCall(callableOptions, (request): Promise<GetProfileResponse> => requireCaller(request));
