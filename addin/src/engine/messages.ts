// Every message of the engine a clerk can see, in Chinese and English.

import type { Bilingual } from '@taizhang/ledger';

export class FlowError extends Error implements Bilingual {
  constructor(readonly code: string, readonly zh: string, readonly en: string) {
    super(`${zh} / ${en}`);
    this.name = 'FlowError';
  }
}

export const text = {
  noHeader: (sheet: string): Bilingual => ({
    zh: `工作表「${sheet}」中找不到台账表头（前 10 行内应有「县（区、市）」「服务对象」等列名）`,
    en: `No ledger header found on sheet "${sheet}" (the first 10 rows should name columns such as 县（区、市） and 服务对象)`,
  }),
  noSheet: (sheet: string): Bilingual => ({ zh: `找不到工作表「${sheet}」`, en: `There is no sheet "${sheet}"` }),
  selectARow: (sheet: string): Bilingual => ({
    zh: `请先在工作表「${sheet}」表头下方选中要填写的那一行`,
    en: `First select the row to fill, below the header of sheet "${sheet}"`,
  }),
  emptySheet: (sheet: string): Bilingual => ({ zh: `工作表「${sheet}」是空的`, en: `Sheet "${sheet}" is empty` }),
  forbidden: (m: string): Bilingual => ({ zh: `无权限：${m}`, en: `Not allowed: ${m}` }),
  notFound: (): Bilingual => ({ zh: '服务器上已没有这一行（可能已被删除）', en: 'The server no longer has this row (it may have been deleted)' }),
  conflict: (by: string, at: string): Bilingual => ({
    zh: `此行已被 ${by} 于 ${at} 修改，请选择保留哪一方`,
    en: `${by} changed this row at ${at}; choose which version to keep`,
  }),
  missingColumn: (header: string): Bilingual => ({ zh: `缺少「${header}」列`, en: `The column ${header} is missing` }),
  notAClerkSheet: (sheet: string): Bilingual => ({
    zh: `工作表「${sheet}」是系统生成的汇总或统计表，不能上报`,
    en: `Sheet "${sheet}" is a pulled list or a summary; it cannot be pushed`,
  }),
  summaryTitle: (title: string, asOf: string, by: string): Bilingual => ({
    zh: `${title}统计（截至 ${asOf}，按${by}）`,
    en: `${title} statistics as of ${asOf}, by ${by}`,
  }),
  overdueTitle: (asOf: string, n: number): Bilingual => ({
    zh: `超期问题（截至 ${asOf}，共 ${n} 个）`,
    en: `Overdue problems as of ${asOf}: ${n}`,
  }),
  totals: (): Bilingual => ({ zh: '合计', en: 'Total' }),
  noticeForbidden: (): Bilingual => ({
    zh: '通报仅供协调员和管理员查看，填报员账户不能生成通报表',
    en: 'Notices are for coordinators and administrators only; a clerk account cannot make notice sheets',
  }),
  noticeTitle: (scope: Bilingual, date: string): Bilingual => ({
    zh: `${scope.zh}入企进村服务问题办理情况通报（截至 ${date}）`,
    en: `Notice on the problems found by the service groups, ${scope.en}, as of ${date}`,
  }),
  noticePeriod: (from: string, to: string, generatedAt: string): Bilingual => ({
    zh: `报送统计期 ${from} 至 ${to}；生成于 ${generatedAt}`,
    en: `Reporting period ${from} to ${to}; generated at ${generatedAt}`,
  }),
  overdueSheetTitle: (scope: Bilingual, date: string, listed: number, all: number): Bilingual => ({
    zh: `${scope.zh}超期问题（截至 ${date}，共 ${all} 个${all > listed ? `，列出超期最久的 ${listed} 个` : ''}）`,
    en: `Overdue problems, ${scope.en}, as of ${date}: ${all}${all > listed ? ` (the ${listed} most overdue listed)` : ''}`,
  }),
  notListed: (n: number): Bilingual => ({ zh: `另有 ${n} 项未列出`, en: `${n} more not listed` }),
  none: (): Bilingual => ({ zh: '（无）', en: 'None' }),
} as const;

export function bi(m: Bilingual): string {
  return `${m.zh} / ${m.en}`;
}
