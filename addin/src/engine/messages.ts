// Every message of the engine a clerk can see, in Chinese and English.

import type { Bilingual } from '@taizhang/ledger';

export class FlowError extends Error implements Bilingual {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
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
  mergedCells: (sheet: string, areas: readonly string[]): Bilingual => ({
    zh: `工作表「${sheet}」的数据区有合并单元格（${areas.join('、')}）。合并后只有左上角单元格有值，其余行会被读成空白。请选中这些单元格，点击「开始 › 合并后居中」取消合并`,
    en: `Sheet "${sheet}" has merged cells among its rows (${areas.join(', ')}). Only the top-left cell of a merged area holds a value; the other rows would read as empty. Select them and click Home › Merge & Center to unmerge`,
  }),
  selectARow: (sheet: string): Bilingual => ({
    zh: `请先在工作表「${sheet}」表头下方选中要填写的那一行`,
    en: `First select the row to fill, below the header of sheet "${sheet}"`,
  }),
  emptySheet: (sheet: string): Bilingual => ({ zh: `工作表「${sheet}」是空的`, en: `Sheet "${sheet}" is empty` }),
  forbidden: (m: string): Bilingual => ({ zh: `无权限：${m}`, en: `Not allowed: ${m}` }),
  notFound: (): Bilingual => ({ zh: '台账中已没有这一行（可能已被删除）', en: 'This row is no longer in the ledger (it may have been deleted)' }),
  conflict: (by: string, at: string): Bilingual => ({
    zh: `此行已被 ${by} 于 ${at} 修改，请选择保留哪一方`,
    en: `${by} changed this row at ${at}; choose which version to keep`,
  }),
  missingColumn: (header: string): Bilingual => ({ zh: `缺少「${header}」列`, en: `The column ${header} is missing` }),
  notAClerkSheet: (sheet: string): Bilingual => ({
    zh: `工作表「${sheet}」是系统生成的汇总或统计表，不能上报`,
    en: `Sheet "${sheet}" is a pulled list or a summary; it cannot be pushed`,
  }),
  summaryTitle: (title: { zh: string; en: string }, asOf: string, by: { zh: string; en: string }): Bilingual => ({
    zh: `${title.zh}统计（截至 ${asOf}，按${by.zh}）`,
    en: `${title.en}: figures as of ${asOf}, by ${by.en.toLowerCase()}`,
  }),
  overdueTitle: (asOf: string, n: number): Bilingual => ({
    zh: `超期问题（截至 ${asOf}，共 ${n} 个）`,
    en: `Overdue problems as of ${asOf}: ${n}`,
  }),
  problemNumber: (): Bilingual => ({ zh: '问题编号', en: 'Problem number' }),
  daysOverdue: (): Bilingual => ({ zh: '超期天数', en: 'Days overdue' }),
  totals: (): Bilingual => ({ zh: '合计', en: 'Total' }),
  noticeForbidden: (): Bilingual => ({
    zh: '通报仅供协调员和管理员查看，填报员账户不能生成通报表',
    en: 'Notices are for coordinators and administrators only; a clerk account cannot make notice sheets',
  }),
} as const;
