// `taizhang admin channels add`: where a robot's address and secret may come from.
import { Readable } from 'node:stream';
import { resolveCredentials } from '../../../cli/src/admin/channels';
import { CliError } from '../../../cli/src/context';

const WEBHOOK = 'https://oapi.dingtalk.com/robot/send?access_token=566cc69da782ec0123456789abcdef';
const SECRET = 'SEC0123456789abcdef0123';

describe('robot credentials for admin channels add', () => {
  it('are refused as arguments', async () => {
    await expect(resolveCredentials({ webhook: WEBHOOK }, true, {})).rejects.toThrow(CliError);
    await expect(resolveCredentials({ secret: SECRET }, true, {})).rejects.toThrow(/不能写在命令行上/);
  });

  it('come from standard input: the address, then the secret', async () => {
    expect(await resolveCredentials({ webhookStdin: true }, true, {}, Readable.from([`${WEBHOOK}\r\n${SECRET}\n`]))).toEqual({
      webhook: WEBHOOK,
      secret: SECRET,
    });
    expect(await resolveCredentials({ webhookStdin: true }, false, {}, Readable.from([`${WEBHOOK}\n`]))).toEqual({ webhook: WEBHOOK });
    await expect(resolveCredentials({ webhookStdin: true }, true, {}, Readable.from(['\n']))).rejects.toThrow(/标准输入中没有机器人地址/);
  });

  it('or from the environment', async () => {
    expect(await resolveCredentials({}, true, { TAIZHANG_ROBOT_WEBHOOK: WEBHOOK, TAIZHANG_ROBOT_SECRET: SECRET })).toEqual({
      webhook: WEBHOOK,
      secret: SECRET,
    });
  });
});
