// Texts of the callable errors and per-row messages, Chinese then English (docs/api.md#calling).

import { HttpsError, type FunctionsErrorCode } from 'firebase-functions/v2/https';
import { joined, type Bilingual } from '@taizhang/ledger';

export function apiError(code: FunctionsErrorCode, m: Bilingual, details?: unknown): HttpsError {
  return new HttpsError(code, joined(m), details);
}

/** A size for a message: KiB below one MiB, else MiB with one decimal. */
function size(bytes: number): string {
  return bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`;
}

export const text = {
  forbiddenCounty: (county: string): Bilingual => ({
    zh: `无权写入「${county}」的数据`,
    en: `You may not write rows of ${county}`,
  }),
  forbiddenRow: (): Bilingual => ({
    zh: '无权修改此行：它不属于你的工作组或辖区',
    en: 'You may not change this row: it belongs to another group or county',
  }),
  forbiddenGroup: (own: string, named: string): Bilingual => ({
    zh: `新行只能记在本工作组「${own}」名下，不能记在「${named}」名下`,
    en: `New rows go under your own work group ${own}, not ${named}`,
  }),
  forbiddenKey: (): Bilingual => ({
    zh: '本行的「行标识〔系统〕」与您辖区以外的一行相同（多为从他处复制的行），请清空本行的「行标识〔系统〕」和「编号〔系统〕」后重新上报',
    en: 'This row carries the Row identity [system] of a row outside your scope (usually a row copied from elsewhere); clear its Row identity [system] and Id [system] cells and push again',
  }),
  notFound: (id: string): Bilingual => ({ zh: `没有编号为 ${id} 的行`, en: `No row has the id ${id}` }),
  keyMismatch: (id: string): Bilingual => ({
    zh: `编号 ${id} 属于另一行（多为复制的行），请清空本行的「编号〔系统〕」后重新上报`,
    en: `The id ${id} belongs to another row (usually a copied row); clear this row's Id [system] cell and push again`,
  }),
  badRequest: (detail: string): Bilingual => ({ zh: `请求格式不对：${detail}`, en: `Malformed request: ${detail}` }),
  tooManyRows: (n: number, max: number): Bilingual => ({
    zh: `一次最多上报 ${max} 行（本次 ${n} 行），请分批上报`,
    en: `At most ${max} rows per call (got ${n}); send them in chunks`,
  }),
  tooLarge: (bytes: number, max: number): Bilingual => ({
    zh: `请求过大（${(bytes / 1048576).toFixed(1)} MiB，上限 ${max / 1048576} MiB），请分批上报`,
    en: `Request too large (${(bytes / 1048576).toFixed(1)} MiB, limit ${max / 1048576} MiB); send smaller chunks`,
  }),
  requestTooLarge: (bytes: number, max: number): Bilingual => ({
    zh: `请求过大（${size(bytes)}，此功能上限 ${size(max)}），未予处理`,
    en: `Request too large (${size(bytes)}; this function takes at most ${size(max)}); nothing was done`,
  }),
  appCheckRequired: (): Bilingual => ({
    zh: '请求未通过应用验证（App Check），请使用正式发布的台账加载项或命令行工具',
    en: 'The request did not pass app verification (App Check); use the released Taizhang add-in or command line',
  }),
  tooManyCalls: (max: number, seconds: number): Bilingual => ({
    zh: `调用过于频繁：每个账户每分钟最多 ${max} 次，请 ${seconds} 秒后重试`,
    en: `Too many calls: at most ${max} per minute for each account; try again in ${seconds} seconds`,
  }),
  duplicateKey: (key: string): Bilingual => ({
    zh: `同一批上报中有两行的「行标识〔系统〕」相同（${key}），请删除重复的一行后重新上报`,
    en: `Two rows pushed together carry the same Row identity [system] (${key}); delete the copy and push again`,
  }),
  requestReused: (): Bilingual => ({
    zh: '这一批数据与此前上报的另一批相冲突，未予保存，请重新上报',
    en: 'This push was confused with an earlier one and nothing was stored; push again',
  }),
  busy: (): Bilingual => ({
    zh: '数据正被频繁修改，请稍后重试',
    en: 'The rows are changing too fast right now; please try again shortly',
  }),
  storeUnavailable: (): Bilingual => ({
    zh: '数据库暂时无法访问，请稍后重试；重试不会重复写入，也不会丢失已上报的内容',
    en: 'The database cannot be reached right now; please try again shortly. Retrying never stores anything twice or loses what was sent',
  }),
  outOfScope: (county: string): Bilingual => ({
    zh: `无权查看「${county}」的数据`,
    en: `You may not read rows of ${county}`,
  }),
  unknownDepartment: (name: string): Bilingual => ({
    zh: `责任单位名录中没有「${name}」`,
    en: `There is no department "${name}" in the register of departments`,
  }),
  otherDepartment: (): Bilingual => ({
    zh: '责任单位账户只能查看交办给本单位的问题',
    en: 'A department account sees only the problems assigned to its department',
  }),
  departmentOnlyProblems: (): Bilingual => ({
    zh: '责任单位账户只能查看问题台账中交办给本单位的问题，不能查看走访台账',
    en: 'A department account sees only the problems assigned to it, not the visits ledger',
  }),
  badToken: (): Bilingual => ({
    zh: '续读位置已失效，请从头重新获取清单',
    en: 'The place to continue reading from is no longer valid; get the list again from the start',
  }),
  noticesForbidden: (): Bilingual => ({
    zh: '通报仅供协调员和管理员查看',
    en: 'Notices are for coordinators and administrators only',
  }),
  noticeNotFound: (date: string): Bilingual => ({
    zh: `没有 ${date} 的通报`,
    en: `There is no notice for ${date}`,
  }),
  noticePastDay: (date: string, today: string): Bilingual => ({
    zh: `${date} 没有已发布的通报；通报只能在当天（${today}）生成，过去的日期不能补发`,
    en: `No notice was issued for ${date}; a notice can only be generated for today (${today}), never for a past day`,
  }),
  earlyDate: (date: string, earliest: string): Bilingual => ({
    zh: `日期 ${date} 早于 ${earliest}，台账没有更早的记录`,
    en: `The date ${date} is before ${earliest}; the ledgers hold nothing earlier`,
  }),
  futureDate: (date: string, today: string): Bilingual => ({
    zh: `日期 ${date} 晚于今天（${today}）`,
    en: `The date ${date} is after today (${today})`,
  }),
  historyForbidden: (id: string): Bilingual => ({
    zh: `无权查看 ${id} 的修改记录：没有此行，或它不在您的查看范围内`,
    en: `You may not read the history of ${id}: there is no such row, or it is outside what you may read`,
  }),
  targetsForbidden: (county: string | undefined): Bilingual =>
    county === undefined
      ? { zh: '责任单位账号不查询企业和行政村名录', en: 'Department accounts do not look up the registers of enterprises and villages' }
      : { zh: `无权查看「${county}」的企业和行政村名录`, en: `You may not read the registers of enterprises and villages of ${county}` },
  duplicateForbidden: (): Bilingual => ({
    zh: '只有两个问题所在辖区的协调员和管理员可以判定重复',
    en: 'Only coordinators whose scope holds both problems, and administrators, decide on duplicates',
  }),
  badPageToken: (): Bilingual => ({
    zh: '续读位置已失效，请从第一页重新读取',
    en: 'The place to continue reading from is no longer valid; read again from the first page',
  }),
  noInbox: (): Bilingual => ({
    zh: '此账户没有待办清单，请联系管理员',
    en: 'This account has no to-do list; ask an administrator',
  }),
} as const;
