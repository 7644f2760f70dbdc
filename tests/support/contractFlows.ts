// The add-in's flows run through the real Office.js runtime (tests/support/officeRuntime.ts)
// on a ledger of realistic Chinese text: new sheet, check (all valid), check with marks
// (every fifth row invalid, so cells are painted and commented), check again once fixed
// (marks cleared), push, pull, and the 通报 sheets. For each flow: the largest request and
// the largest answer in UTF-8 bytes as Excel receives them, and the simulator's own meters.

import { problems } from '@taizhang/ledger';
import { createApiClient } from '@taizhang/client';
import { check } from '../../addin/src/engine/check';
import { createLedgerSheet } from '../../addin/src/engine/createSheet';
import { noticeSheets } from '../../addin/src/engine/notice';
import { pull } from '../../addin/src/engine/pull';
import { push } from '../../addin/src/engine/push';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from '../unit/supervision/dataset';
import { colOf, problemRow, rowsRange, type Cell } from './addinRows';
import { fakeServer } from './fakeApi';
import { officeRuntimeHost } from './officeRuntime';

export interface FlowBytes {
  readonly flow: string;
  readonly syncs: number;
  /** Largest request / answer of the flow in office.js's own bytes (UTF-8 of the JSON body). */
  readonly request: number;
  readonly answer: number;
  /** Largest request / answer by the simulator's own meter (UTF-8, office.js's per-command overhead). */
  readonly simRequest: number;
  readonly simAnswer: number;
}

const PLACES = ['榆次区', '太谷区', '祁县', '平遥县', '介休市', '灵石县', '寿阳县', '昔阳县', '和顺县', '左权县', '榆社县'];
const TOWNS = ['东阳镇', '修文镇', '长凝镇', '北田镇', '什贴镇', '庄子乡', '张庆乡', '郭家堡乡'];
const COMPANIES = [
  '山西强伟纸业有限公司',
  '晋中市华鑫建材有限责任公司',
  '榆次区东方红农业专业合作社',
  '山西汇丰源食品股份有限公司',
  '平遥县古城文化旅游开发有限公司',
];
const PROBLEMS = [
  '企业反映用工紧张，熟练技术工人短缺，希望政府协调举办专场招聘会并落实稳岗补贴政策',
  '企业具备申报专精特新“小巨人”条件，但对申报流程和材料要求不熟悉，需要申报指导',
  '厂区周边道路年久失修，雨季积水严重，原材料和产品运输车辆通行困难，影响正常生产',
  '企业流动资金紧张，银行贷款审批周期长、抵押物要求高，希望协调开展银企对接',
  '村内污水管网尚未接通，生活污水直排问题突出，群众反映强烈，需要统筹资金建设',
];
const MEASURES = '已召开专题协调会，明确责任单位和完成时限，责任单位正在组织实施，工作组每周跟踪办理进展并及时反馈企业';
const REMARKS = '企业联系人已确认问题属实，材料已报送县（区、市）专班，请持续关注办理结果';

/** Row `i` of a realistic ledger: Chinese names and sentences of the lengths clerks write. */
export function realisticRow(i: number): Cell[] {
  return problemRow({
    county: '榆次区',
    township: TOWNS[i % TOWNS.length],
    targetName: `${COMPANIES[i % COMPANIES.length]}（${PLACES[i % PLACES.length]}第${i}号）`,
    sector: ['农业', '建筑业', '文化旅游', '批零住餐'][i % 4],
    description: `第${i}项：${PROBLEMS[i % PROBLEMS.length]}`,
    resolution: MEASURES,
    contact: '王建国',
    phone: '13912345678',
    remarks: REMARKS,
  });
}

export async function contractRun(n: number, o: { apiVersion?: string; onFlow?: (flow: FlowBytes) => void } = {}): Promise<FlowBytes[]> {
  // The simulator's own limit is lifted: the bytes that matter are office.js's, held by the caller.
  const sim = createSimulatedExcel({ apiVersion: o.apiVersion ?? '1.17', maxRequestBytes: 1 << 30, maxResponseBytes: 1 << 30 });
  const host = officeRuntimeHost(sim);
  const noSleep = { retry: { sleep: async () => {} } };
  const server = fakeServer({ today: '2024-06-01' });
  const api = createApiClient(server.transport, noSleep);
  const coordinator = { uid: 'c1', email: 'coord@city.test', role: 'coordinator' as const };
  const noticeServer = fakeServer({ today: AS_OF, profile: coordinator, noticeSource: { rows: ROWS, groups: GROUPS, activity: ACTIVITY } });
  const opts = { today: '2024-06-01', profile: server.profile };
  const out: FlowBytes[] = [];
  const measure = async (flow: string, run: () => Promise<{ stats: { syncs: number } }>) => {
    host.exchanges.length = 0;
    sim.resetStats();
    const r = await run();
    const { request, answer } = host.largest();
    const line = { flow, syncs: r.stats.syncs, request, answer, simRequest: sim.stats.largestRequestBytes, simAnswer: sim.stats.largestAnswerBytes };
    out.push(line);
    o.onFlow?.(line);
  };

  let sheet = '';
  await measure('new sheet', async () => {
    const made = await createLedgerSheet(host, 'problems', opts);
    sheet = made.sheet;
    return made;
  });
  const typed = Array.from({ length: n }, (_, i) => realisticRow(i));
  sim.sheet(sheet).type(rowsRange(problems, 2, n + 1), typed);
  await measure('check', () => check(host, { ...opts, sheet }));
  // Every fifth row gets a sector that is not an option and a description too short.
  const sector = colOf(problems, 'sector');
  const description = colOf(problems, 'description');
  const bad = (i: number) => i % 5 === 0;
  sim.sheet(sheet).type(
    `${sector}2:${description}${n + 1}`,
    typed.map((r, i) => (bad(i) ? ['工业', r[7]!, '短'] : [r[6]!, r[7]!, r[8]!])),
  );
  await measure('marks', () => check(host, { ...opts, sheet }));
  sim.sheet(sheet).type(
    `${sector}2:${description}${n + 1}`,
    typed.map((r) => [r[6]!, r[7]!, r[8]!]),
  );
  await measure('marks cleared', () => check(host, { ...opts, sheet }));
  await measure('push', () => push(host, api, { ...opts, sheet }));
  await measure('pull', () => pull(host, api, { ...opts, ledger: 'problems' }));
  await measure('notices', () => noticeSheets(host, createApiClient(noticeServer.transport, noSleep), { today: AS_OF, profile: coordinator, date: AS_OF }));
  return out;
}
