// `getProfile` (docs/api.md#getprofile): who am I — uid, email, role, county?, group? of the signed-in account.
import { callable } from './callable';
import { requireCaller, type Caller } from '../auth';
import { callableOptions } from '../config';

export type GetProfileResponse = Caller;

export const getProfile = callable(callableOptions, (request): Promise<GetProfileResponse> => requireCaller(request));
