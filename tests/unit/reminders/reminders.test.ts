// The reminders' pure parts: robot addresses, masking, the messages and their size, the
// 交办 / 退回 decision, DingTalk's signature and what a robot's answer means.
import {
  channelView,
  checkSecret,
  checkWebhook,
  cityDigest,
  countyDigest,
  departmentDigest,
  eventReminder,
  maskWebhook,
  parseTarget,
  plain,
  problemEvent,
  redactCredentials,
  renderReminder,
  REMINDER_MAX_BYTES,
  type DepartmentRow,
  type Notice,
  type SupervisedRow,
} from '@taizhang/ledger';
import { answerError, dingtalkSign, robotRequest } from '../../../functions/src/channels/robots';
import { backoffMs } from '../../../functions/src/channels/sender';

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const DING = 'https://oapi.dingtalk.com/robot/send?access_token=566cc69da782ec0123456789abcdef';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

const row = (id: string, values: Record<string, unknown>, updatedOn = '2022-03-01'): SupervisedRow => ({ id, values, updatedOn });

describe('robot addresses', () => {
  it('accepts the platforms’ https addresses and refuses others', () => {
    expect(checkWebhook('wecom', WECOM, false)).toEqual({ ok: true, webhook: WECOM });
    expect(checkWebhook('dingtalk', DING, false)).toEqual({ ok: true, webhook: DING });
    for (const bad of [
      WECOM.replace('https:', 'http:'),
      WECOM.replace('qyapi.weixin.qq.com', 'qyapi.weixin.qq.com.evil.cn'),
      DING,
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
      'https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=abcdefgh12',
      'https://u:p@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12',
      'not a url',
    ]) {
      const r = checkWebhook('wecom', bad, false);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.zh).toMatch(/机器人|地址/);
        expect(r.error.en).toMatch(/robot|address/);
      }
    }
  });

  it('accepts loopback only where allowed (the emulators)', () => {
    const local = 'http://127.0.0.1:4700/cgi-bin/webhook/send?key=demo-wecom-key';
    expect(checkWebhook('wecom', local, true).ok).toBe(true);
    const refused = checkWebhook('wecom', local, false);
    expect(refused.ok).toBe(false);
    expect(checkWebhook('wecom', 'http://localhost:4700/cgi-bin/webhook/send?key=abcdefgh12', true).ok).toBe(false);
  });

  it('checks a DingTalk secret, and only for DingTalk', () => {
    expect(checkSecret('dingtalk', 'SEC0123456789abcdef0123')).toBeUndefined();
    expect(checkSecret('dingtalk', '0123456789abcdef')).toBeDefined();
    expect(checkSecret('wecom', 'SEC0123456789abcdef0123')).toBeDefined();
  });

  it('masks every credential; a view has no secret', () => {
    expect(maskWebhook(WECOM)).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=已隐藏');
    const v = channelView({
      id: 'ch-abc123',
      platform: 'dingtalk',
      target: { kind: 'city' },
      label: '',
      webhook: DING,
      secret: 'SEC0123456789abcdef0123',
      active: true,
    });
    const shown = JSON.stringify(v);
    expect(shown).not.toContain('566cc69da782ec0123456789abcdef');
    expect(shown).not.toContain('SEC0123456789abcdef0123');
    expect(v.signed).toBe(true);
    expect(
      redactCredentials(`failed ${DING}&sign=x; token 566cc69da782ec0123456789abcdef SEC0123456789abcdef0123`, {
        webhook: DING,
        secret: 'SEC0123456789abcdef0123',
      }),
    ).toBe('failed ［已隐藏］&sign=x; token ［已隐藏］ ［已隐藏］');
  });

  it('parses targets', () => {
    expect(parseTarget('全市')).toEqual({ ok: true, target: { kind: 'city' } });
    expect(parseTarget('榆次区')).toEqual({ ok: true, target: { kind: 'county', county: '榆次区' } });
    expect(parseTarget('department:jz-zrzy')).toEqual({ ok: true, target: { kind: 'department', departmentId: 'jz-zrzy' } });
    expect(parseTarget('department:JZ ZRZY').ok).toBe(false);
    expect(parseTarget('火星').ok).toBe(false);
  });
});

describe('messages', () => {
  it('keep ledger text from becoming Markdown, mentions or links', () => {
    expect(plain('<@all> **x** [a](b) #1 `c`\n_d_')).toBe('＜＠all＞ ＊＊x＊＊ ［a］(b) ＃1 ｀c｀ ＿d＿');
    expect([...plain('字'.repeat(100), 10)]).toHaveLength(10);
  });

  it('fit the size limit, long lists ending with 等 N 项', () => {
    const items = Array.from({ length: 300 }, (_, i) => `P-140702-2022-${String(i).padStart(6, '0')} ${'某某有限责任公司'.repeat(3)}`);
    const text = renderReminder({
      title: '测试',
      lines: ['截至今日：'],
      sections: [
        { heading: '超期问题', total: 300, items },
        { heading: '待审核问题', total: 2, items: items.slice(0, 2) },
      ],
    });
    expect(bytes(text)).toBeLessThanOrEqual(REMINDER_MAX_BYTES);
    expect(text).toContain('等 300 项');
    expect(text).toContain('**待审核问题：2 项**');
    expect(text).not.toContain('等 2 项');
    expect(text.startsWith('### 【台账】测试')).toBe(true);
    const small = renderReminder({ title: '测试', lines: [], sections: [{ heading: '超期问题', total: 300, items }] }, 600);
    expect(bytes(small)).toBeLessThanOrEqual(600);
    expect(small).toContain('等 300 项');
  });

  const notice = (over: Partial<Notice['totals']> = {}) => ({
    silentGroups: [{ id: 'YC-01', name: '榆次区入企服务第1组', county: '榆次区', targetType: '入企', department: '' }],
    period: { from: '2022-03-17', to: '2022-03-23' },
    totals: {
      problems: 3,
      resolved: 0,
      unresolved: 3,
      resolvedRate: 0,
      overdue: 1,
      escalated: 0,
      staleEscalations: 0,
      activeGroups: 2,
      reportedGroups: 1,
      silentGroups: 1,
      ...over,
    },
  });

  it('county: silent groups, overdue, awaiting assignment and review; nothing when nothing', () => {
    const rows = [
      row('P-1', { county: '榆次区', targetName: '甲公司', status: '办理中', level: '协调解决', deadline: '2022-03-20', department: '市工信局' }),
      row('P-2', { county: '榆次区', targetName: '乙公司', status: '待办理', level: '提交市级', deadline: '2022-04-20' }),
      row('P-3', { county: '榆次区', targetName: '丙村', status: '待审核', level: '协调解决', deadline: '2022-04-20', department: '市住建局' }),
      row('P-4', { county: '介休市', targetName: '丁公司', status: '待办理', level: '协调解决' }),
    ];
    const r = countyDigest({ asOf: '2022-03-24', county: '榆次区', notice: notice(), rows })!;
    const text = renderReminder(r);
    expect(text).toContain('**未报送工作组（2022-03-17 至 2022-03-23）：1 项**');
    expect(text).toContain('1. 榆次区入企服务第1组');
    expect(text).toContain('P-1 甲公司，超期 4 天（市工信局）');
    expect(text).toContain('**待交办问题：1 项**\n1. P-2 乙公司（提交市级）');
    expect(text).toContain('**待审核问题：1 项**\n1. P-3 丙村（市住建局）');
    expect(text).not.toContain('丁公司');
    const quiet = { ...notice({ silentGroups: 0 }), silentGroups: [] };
    expect(
      countyDigest({ asOf: '2022-03-24', county: '榆次区', notice: quiet, rows: [row('P-9', { county: '榆次区', status: '已解决', level: '现场解决' })] }),
    ).toBeUndefined();
  });

  it('department: new, returned, due within 7 days, overdue; nothing without assigned rows', () => {
    const d = (id: string, values: Record<string, unknown>, t: Partial<DepartmentRow> = {}): DepartmentRow => ({ ...row(id, values), ...t });
    const rows = [
      d('P-1', { targetName: '甲公司', status: '办理中', deadline: '2022-03-28' }, { assignedAt: 100 }),
      d('P-2', { targetName: '乙公司', status: '办理中', deadline: '2022-05-01' }, { assignedAt: 100, answeredAt: 200, returnedAt: 300 }),
      d('P-3', { targetName: '丙公司', status: '办理中', deadline: '2022-03-20' }, { assignedAt: 100, answeredAt: 200 }),
      d('P-4', { targetName: '丁公司', status: '待办理', deadline: '2022-03-01' }),
    ];
    const text = renderReminder(departmentDigest({ asOf: '2022-03-24', departmentName: '市自然资源局', rows })!);
    expect(text).toContain('**新交办问题：1 项**\n1. P-1 甲公司，办结时限 2022-03-28');
    expect(text).toContain('**被退回问题：1 项**\n1. P-2 乙公司');
    expect(text).toContain('**7 日内到期问题：1 项**\n1. P-1');
    expect(text).toContain('**超期问题：1 项**\n1. P-3 丙公司，超期 4 天');
    expect(text).not.toContain('丁公司');
    expect(departmentDigest({ asOf: '2022-03-24', departmentName: 'x', rows: [] })).toBeUndefined();
  });

  it('city: headline figures and the slowest counties and departments', () => {
    const fig = (key: string, total: number, resolved: number, overdue: number) => ({
      key,
      total,
      resolved,
      unresolved: total - resolved,
      overdue,
      escalated: 0,
      staleEscalations: 0,
      resolvedRate: resolved / total,
      overdueRate: overdue / total,
    });
    const n = {
      date: '2022-03-24',
      period: { from: '2022-03-17', to: '2022-03-23' },
      staleDays: 14,
      countiesByResolvedRate: [fig('榆次区', 10, 2, 3), fig('介休市', 10, 5, 1), fig('太谷区', 4, 4, 0)],
      departmentsByOverdue: [fig('市工信局', 5, 1, 3), fig('市住建局', 5, 5, 0)],
      totals: { ...notice().totals, problems: 24, resolved: 11, resolvedRate: 0.4583, overdue: 4 },
    } as unknown as Notice;
    const text = renderReminder(cityDigest(n)!);
    expect(text).toContain('全市共梳理问题 24 个，已解决 11 个，解决率 45.8%；超过办结时限 4 个');
    expect(text).toContain('1. 榆次区：解决率 20.0%，超期 3 个\n2. 介休市');
    expect(text).not.toContain('太谷区');
    expect(text).toContain('1. 市工信局：超期 3 个');
    expect(text).not.toContain('市住建局：');
    expect(cityDigest({ ...n, totals: { ...n.totals, problems: 0, activeGroups: 0 } })).toBeUndefined();
  });
});

describe('交办 and 退回', () => {
  const v = (status: string) => ({ status, county: '榆次区', targetName: '甲公司', deadline: '2022-04-01' });
  it('decides from the row before and after', () => {
    expect(problemEvent('P-1', 2, { values: v('待办理') }, { values: v('办理中'), departmentId: 'jz-zrzy' })).toEqual({
      kind: 'assigned',
      problemId: 'P-1',
      version: 2,
      departmentId: 'jz-zrzy',
    });
    expect(problemEvent('P-1', 3, { values: v('办理中'), departmentId: 'jz-zrzy' }, { values: v('办理中'), departmentId: 'jz-gxj' })?.kind).toBe('assigned');
    expect(
      problemEvent('P-1', 4, { values: v('待审核'), departmentId: 'jz-zrzy' }, { values: { ...v('办理中'), review: '材料不全' }, departmentId: 'jz-zrzy' })
        ?.kind,
    ).toBe('returned');
    expect(problemEvent('P-1', 5, { values: v('办理中'), departmentId: 'jz-zrzy' }, { values: v('办理中'), departmentId: 'jz-zrzy' })).toBeUndefined();
    expect(problemEvent('P-1', 6, { values: v('办理中'), departmentId: 'jz-zrzy' }, { values: v('待审核'), departmentId: 'jz-zrzy' })).toBeUndefined();
    expect(problemEvent('P-1', 7, undefined, { values: v('待办理'), departmentId: 'jz-zrzy' })).toBeUndefined();
  });
  it('says it in plain official Chinese', () => {
    const r = eventReminder({ kind: 'returned', problemId: 'P-1', version: 4, departmentId: 'jz-zrzy' }, { ...v('办理中'), review: '材料不全' });
    expect(renderReminder(r)).toBe(
      '### 【台账】问题退回提醒\n榆次区「甲公司」反映的问题（P-1）经审核退回你单位，请继续办理，办结时限 2022-04-01。\n审核意见：材料不全',
    );
  });
});

describe('the robots’ wire', () => {
  it('signs DingTalk requests as its documentation does', () => {
    expect(dingtalkSign(1700000000000, 'SEC0123456789abcdef0123')).toBe('W8f2uu70P2uNDVqgMaLARmfZIBUwZBWp3eiSNt271Xg=');
    const req = robotRequest({ platform: 'dingtalk', webhook: DING, secret: 'SEC0123456789abcdef0123' }, '标题', '正文', 1700000000000);
    const u = new URL(req.url);
    expect(u.searchParams.get('timestamp')).toBe('1700000000000');
    expect(u.searchParams.get('sign')).toBe('W8f2uu70P2uNDVqgMaLARmfZIBUwZBWp3eiSNt271Xg=');
    expect(JSON.parse(req.body)).toEqual({ msgtype: 'markdown', markdown: { title: '【台账】标题', text: '正文' } });
    expect(JSON.parse(robotRequest({ platform: 'wecom', webhook: WECOM }, 't', '正文', 0).body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '正文' },
    });
  });
  it('reads answers', () => {
    expect(answerError({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' })).toBeUndefined();
    expect(answerError({ status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' })).toContain('45009');
    expect(answerError({ status: 502, body: 'bad gateway' })).toContain('HTTP 502');
    expect(answerError({ failed: 'timeout' })).toContain('时限');
  });
  it('backs off 1, 2, 4, 8 minutes, at most 30', () => {
    expect([1, 2, 3, 4, 9].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 1_800_000]);
  });
});
