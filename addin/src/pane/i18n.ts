// Every string the pane shows, in Chinese (the default) and English. Components take a
// `Strings` object; nothing visible is written inline anywhere else.

export type Lang = 'zh' | 'en';

/** English when Office's display language is English, Chinese otherwise (and outside Office). */
export function detectLang(displayLanguage?: string): Lang {
  let dl = displayLanguage;
  if (dl === undefined) {
    try {
      dl = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office?.context?.displayLanguage;
    } catch {
      dl = undefined;
    }
  }
  return typeof dl === 'string' && dl.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

const zh = {
  appTitle: '台账',
  loading: '正在加载…',
  // a host too old for the pane
  hostTooOld: (missing: string) => `此版本的 Excel 过旧，无法运行台账加载项：缺少 ${missing}。`,
  hostTooOldUpdate: '请将 Office 更新到 Office 2019、Microsoft 365 或更新的版本后重新打开本窗格。',
  hostTooOldElsewhere: '使用 WPS 或暂时无法更新时，可在浏览器中用网页版 Excel（Excel 网页版）打开工作簿使用本加载项，或用命令行工具 taizhang check / push / pull 校验和同步台账文件。',
  // sign-in
  signInTitle: '登录',
  signInHint: '使用管理员为您开通的电子邮箱和密码登录。',
  email: '电子邮箱',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出登录',
  emulatorNote: '开发模式：连接本地模拟器',
  // profile
  role: '角色',
  county: '县（区、市）',
  group: '工作组',
  wholeCity: '全市',
  none: '无',
  roles: { clerk: '填报员', coordinator: '协调员', admin: '管理员', department: '责任单位' } as Record<string, string>,
  department: '所属单位',
  profileLoading: '正在读取账户信息…',
  // ledger picker
  ledger: '台账',
  ledgers: { problems: '问题清单', visits: '走访台账' } as Record<string, string>,
  // actions
  actions: '操作',
  createSheet: '新建台账表',
  check: '校验',
  push: '上报',
  pull: '获取汇总清单',
  summary: '统计',
  cancel: '取消',
  cancelling: '正在取消…',
  currentSheet: '当前工作表',
  // progress phases
  phases: { prepare: '准备中', read: '读取表格', check: '校验', mark: '标记错误', push: '上报', write: '写回表格', pull: '拉取', stats: '统计' } as Record<string, string>,
  progress: (phase: string, done: number, total: number) => `${phase}：${done} / ${total}`,
  working: (what: string) => `正在${what}…`,
  // pull
  pullTitle: '获取汇总清单',
  filters: '筛选（可选）',
  filterFields: { county: '县（区、市）', group: '工作组', sector: '行业专班', status: '办理状态', level: '解决层级', category: '问题类别', targetType: '服务类型' } as Record<string, string>,
  pullMode: '方式',
  incremental: '只更新有变动的行',
  full: '重新获取全部行',
  // summary
  summaryTitle: '统计',
  groupBy: '统计方式',
  groupByOptions: { county: '按县（区、市）', sector: '按行业专班', department: '按责任单位', group: '按工作组', category: '按问题类别', level: '按解决层级', status: '按办理状态' } as Record<string, string>,
  // notice (通报)
  noticeTitle: '通报',
  noticeDate: '通报日期',
  noticeHint: '默认为今天（北京时间）；该日尚无通报时，按当前数据生成并保存。',
  noticeSheets: '生成通报表',
  // to-do (待办)
  inboxTitle: '待办',
  open: '打开问题',
  inboxRefresh: '刷新',
  inboxEmpty: '暂无待办事项。',
  inboxMore: (shown: number, total: number) => `仅列出前 ${shown} 项，共 ${total} 项。`,
  inboxDeadline: (date: string) => `办结时限 ${date}`,
  inboxOpen: (id: string) => `在表中打开 ${id}`,
  review: '审核意见：',
  reviewOf: (id: string) => `${id} 的审核意见：`,
  // results
  opened: (id: string, sheet: string, row: number, pulled: boolean) =>
    `${pulled ? `已拉取「${sheet}」，` : ''}已在「${sheet}」第 ${row} 行选中问题 ${id}。`,
  notInList: (id: string, sheet: string) => `「${sheet}」中没有问题 ${id}：它可能已不在您的办理范围内，请刷新待办。`,
  created: (sheet: string) => `已新建工作表「${sheet}」。请在表中填写或粘贴数据，然后点击「校验」。`,
  checked: (rows: number, valid: number, invalid: number, toPush: number) =>
    `已校验 ${rows} 行：${valid} 行通过，${invalid} 行有错误，${toPush} 行待上报。`,
  checkedClean: '全部通过，可以上报。',
  pushed: (sent: number, ok: number) => `已上报 ${sent} 行，其中 ${ok} 行成功同步。`,
  pushedNothing: '没有新增或修改的行，无需上报。',
  pushCancelled: (sent: number) => `上报已取消。已发送的 ${sent} 行已保存，再次点击「上报」可继续，不会重复。`,
  pushFailedPartly: (sent: number) => `上报中断：已发送的 ${sent} 行已保存，其余行未发送。`,
  forbiddenRows: (n: number) => `${n} 行无权限修改（已在表中标为「无权限」）。`,
  serverInvalid: (n: number) => `${n} 行未通过台账系统校验，未能保存，请查看表中标记并修改后重新上报。`,
  commentsNotWritten: (n: number) => `${n} 处错误说明未写入批注（单元格已有您的批注或注释）；这些单元格仍标为红色，错误见本窗格列表。`,
  pulled: (sheet: string, rows: number, added: number, updated: number, incremental: boolean, withdrawn = 0, left = 0) =>
    incremental
      ? `已增量更新「${sheet}」：新增 ${added} 行，更新 ${updated} 行${withdrawn ? `，撤回 ${withdrawn} 行` : ''}${left ? `，${left} 行已不属于此列表（标为“已移出”）` : ''}（共 ${rows} 行）。`
      : `已将 ${rows} 行拉取到「${sheet}」。`,
  summarized: (sheet: string, groups: number, asOf: string) => `已在「${sheet}」生成统计（${groups} 组，截至 ${asOf}）。`,
  overdueCount: (n: number) => `超期问题 ${n} 个，已列在统计表下方。`,
  noticeMade: (sheet: string, overdueSheet: string, overdue: number) => `已生成「${sheet}」和「${overdueSheet}」（超期问题 ${overdue} 个）。`,
  noticeGenerated: (date: string) => `${date} 尚无通报，已按当前数据生成并保存。`,
  cancelled: '操作已取消，表格中的内容不受影响。',
  dismiss: '关闭',
  // errors list
  errorsTitle: (n: number) => `错误（${n} 行）`,
  rowLabel: (row: number) => `第 ${row} 行`,
  goToCell: (address: string, header: string) => `定位到 ${address}（${header}）`,
  noCell: '（缺少该列）',
  // conflicts
  conflictsTitle: (n: number) => `冲突（${n} 行）`,
  conflictIntro: '以下行在您上次同步后已被他人修改。请逐行选择保留哪一方，然后点击「应用选择」。',
  conflictRow: (row: number, by: string, at: string) => `第 ${row} 行 — ${by} 于 ${at} 修改`,
  field: '字段',
  mine: '我的（表格中）',
  theirs: '台账中（他人修改后）',
  empty: '（空）',
  keepMine: '以本表为准',
  conflictWithdrawn: '此行已在台账中撤回，不能以本表为准；可以台账为准（本行标为已撤回），或稍后决定。',
  takeTheirs: '以台账为准',
  later: '稍后决定',
  applyChoices: '应用选择',
  resolved: (kept: number, taken: number, later: number) => `已处理冲突：以本表为准 ${kept} 行，以台账为准 ${taken} 行，稍后决定 ${later} 行。`,
  // error explanations: what happened / what to do
  err: {
    network: { what: '无法连接台账系统。', todo: '请检查网络连接后重试。表格中的内容不会丢失。' },
    unauthenticated: { what: '登录已失效。', todo: '请退出后重新登录。' },
    permission: { what: '您没有执行此操作的权限。', todo: '请确认账户的角色、县（区、市）和工作组是否正确，如有疑问请联系管理员。' },
    invalidCredential: { what: '电子邮箱或密码不正确。', todo: '请检查后重新输入；忘记密码请联系管理员。' },
    tooMany: { what: '登录尝试次数过多。', todo: '请稍等几分钟后再试。' },
    userDisabled: { what: '此账户已被停用。', todo: '请联系管理员。' },
    invalidEmail: { what: '电子邮箱格式不正确。', todo: '请输入完整的电子邮箱地址，例如 name@example.com。' },
    missingFields: { what: '请填写电子邮箱和密码。', todo: '两项都必须填写。' },
    unavailable: { what: '台账系统暂时无法使用。', todo: '请稍后重试。已完成的部分不会丢失。' },
    timeout: { what: '台账系统长时间没有回应。', todo: '请稍后重试；再次上报不会产生重复数据。' },
    invalidArgument: { what: '台账系统未接受所报送的内容。', todo: '请先「校验」并改正错误后再试。' },
    excel: { what: 'Excel 无法完成此操作。', todo: '请确认工作表未处于编辑状态（按 Esc 退出单元格编辑）后重试。' },
    sheet: { what: '当前工作表不是台账表。', todo: '请切换到台账工作表，或点击「新建台账表」。' },
    merged: { what: '数据区有合并单元格。', todo: '取消合并后，每一行填上自己的值（选中后按 Ctrl+D 可向下填充），再点击「校验」。' },
    unknown: { what: '发生了意外错误。', todo: '请重试；若问题持续，请将以下信息告知管理员。' },
  },
  detail: '详细信息',
};

export type Strings = typeof zh;

const en: Strings = {
  appTitle: 'Taizhang',
  hostTooOld: (missing: string) => `This version of Excel is too old to run the Taizhang add-in: it lacks ${missing}.`,
  hostTooOldUpdate: 'Please update Office to Office 2019, Microsoft 365 or newer, then open this pane again.',
  hostTooOldElsewhere: 'With WPS, or until you can update, open the workbook in Excel on the web in a browser and use the add-in there, or check and sync the ledger file with the taizhang command line (taizhang check / push / pull).',
  loading: 'Loading…',
  signInTitle: 'Sign in',
  signInHint: 'Sign in with the e-mail address and password your administrator gave you.',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  emulatorNote: 'Development mode: using the local emulators',
  role: 'Role',
  county: 'County',
  group: 'Group',
  wholeCity: 'Whole city',
  none: 'None',
  roles: { clerk: 'Clerk', coordinator: 'Coordinator', admin: 'Administrator', department: 'Department' },
  department: 'Department',
  profileLoading: 'Reading your account…',
  ledger: 'Ledger',
  ledgers: { problems: 'Problem list (问题清单)', visits: 'Visit log (走访台账)' },
  actions: 'Actions',
  createSheet: 'New ledger sheet',
  check: 'Check',
  push: 'Push',
  pull: 'Get the consolidated list',
  summary: 'Summary',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
  currentSheet: 'Current sheet',
  phases: { prepare: 'Preparing', read: 'Reading the sheet', check: 'Checking', mark: 'Marking errors', push: 'Pushing', write: 'Writing back', pull: 'Pulling', stats: 'Statistics' },
  progress: (phase, done, total) => `${phase}: ${done} / ${total}`,
  working: (what) => `${what}…`,
  pullTitle: 'Pull the consolidated list',
  filters: 'Filters (optional)',
  filterFields: { county: 'County', group: 'Work group', sector: 'Sector task force', status: 'Status', level: 'Level of resolution', category: 'Category', targetType: 'Service type' },
  pullMode: 'Mode',
  incremental: 'Update only the rows that changed',
  full: 'Get every row again',
  summaryTitle: 'Summary',
  groupBy: 'Count by',
  groupByOptions: { county: 'By county', sector: 'By sector task force', department: 'By department', group: 'By work group', category: 'By category', level: 'By level of resolution', status: 'By status' },
  noticeTitle: 'Notice (通报)',
  noticeDate: 'Notice date',
  noticeHint: 'Today (Beijing time) unless you pick another day; a notice not stored yet is computed now.',
  noticeSheets: 'Notice sheets',
  inboxTitle: 'To do (待办)',
  open: 'Opening the problem',
  inboxRefresh: 'Refresh',
  inboxEmpty: 'Nothing awaits you.',
  inboxMore: (shown, total) => `The first ${shown} of ${total} are listed.`,
  inboxDeadline: (date) => `Deadline ${date}`,
  inboxOpen: (id) => `Open ${id} in the sheet`,
  review: 'Review (审核意见): ',
  reviewOf: (id) => `Review of ${id}: `,
  opened: (id, sheet, row, pulled) => `${pulled ? `Pulled "${sheet}"; ` : ''}problem ${id} is selected on row ${row} of "${sheet}".`,
  notInList: (id, sheet) => `"${sheet}" does not hold problem ${id}: it may no longer be yours to handle. Refresh the to-do list.`,
  created: (sheet) => `Created sheet "${sheet}". Type or paste rows, then click Check.`,
  checked: (rows, valid, invalid, toPush) => `Checked ${rows} rows: ${valid} valid, ${invalid} with errors, ${toPush} to push.`,
  checkedClean: 'Everything is valid; you can push.',
  pushed: (sent, ok) => `Pushed ${sent} rows; ${ok} are in sync.`,
  pushedNothing: 'No new or changed rows; nothing to push.',
  pushCancelled: (sent) => `Push cancelled. The ${sent} rows sent are saved; click Push again to continue — nothing is duplicated.`,
  pushFailedPartly: (sent) => `Push stopped: the ${sent} rows sent are saved, the rest were not sent.`,
  forbiddenRows: (n) => `${n} rows may not be changed by you (marked 无权限 in the sheet).`,
  serverInvalid: (n) => `${n} rows did not pass the ledger's checks and were not stored; see the marks in the sheet, correct them and push again.`,
  commentsNotWritten: (n) => `${n} error explanations could not be added as comments (the cell already has your comment or note); those cells are still marked red, and the errors are listed in this pane.`,
  pulled: (sheet, rows, added, updated, incremental, withdrawn = 0, left = 0) =>
    incremental
      ? `Updated "${sheet}": ${added} added, ${updated} updated${withdrawn ? `, ${withdrawn} withdrawn` : ''}${left ? `, ${left} no longer in this list (marked "已移出")` : ''} (${rows} rows).`
      : `Pulled ${rows} rows into "${sheet}".`,
  summarized: (sheet, groups, asOf) => `Summary written to "${sheet}" (${groups} groups, as of ${asOf}).`,
  overdueCount: (n) => `${n} overdue problems, listed below the summary.`,
  noticeMade: (sheet, overdueSheet, overdue) => `Wrote "${sheet}" and "${overdueSheet}" (${overdue} overdue problems).`,
  noticeGenerated: (date) => `There was no notice for ${date} yet; it was made from the current rows and kept.`,
  cancelled: 'Cancelled. Nothing in the sheet was lost.',
  dismiss: 'Dismiss',
  errorsTitle: (n) => `Errors (${n} rows)`,
  rowLabel: (row) => `Row ${row}`,
  goToCell: (address, header) => `Go to ${address} (${header})`,
  noCell: '(column missing)',
  conflictsTitle: (n) => `Conflicts (${n} rows)`,
  conflictIntro: 'Someone else changed these rows since your last sync. Choose which version to keep for each row, then click Apply choices.',
  conflictRow: (row, by, at) => `Row ${row} — changed by ${by} at ${at}`,
  field: 'Field',
  mine: 'Mine (sheet)',
  theirs: 'In the ledger (their change)',
  empty: '(empty)',
  keepMine: 'Keep this sheet’s',
  conflictWithdrawn: 'This row was withdrawn from the ledger, so this sheet’s version cannot be kept: take the ledger’s (the row is marked withdrawn) or decide later.',
  takeTheirs: 'Take the ledger’s',
  later: 'Decide later',
  applyChoices: 'Apply choices',
  resolved: (kept, taken, later) => `Conflicts handled: ${kept} kept as in this sheet, ${taken} taken from the ledger, ${later} left for later.`,
  err: {
    network: { what: 'Cannot reach the ledger system.', todo: 'Check the network connection and try again. Nothing in the sheet was lost.' },
    unauthenticated: { what: 'Your sign-in has expired.', todo: 'Sign out and sign in again.' },
    permission: { what: 'You are not allowed to do this.', todo: "Check your account's role, county and group; ask an administrator if in doubt." },
    invalidCredential: { what: 'Wrong e-mail or password.', todo: 'Check and type them again; ask an administrator if you forgot the password.' },
    tooMany: { what: 'Too many sign-in attempts.', todo: 'Wait a few minutes and try again.' },
    userDisabled: { what: 'This account is disabled.', todo: 'Contact an administrator.' },
    invalidEmail: { what: 'That is not a valid e-mail address.', todo: 'Type the full address, e.g. name@example.com.' },
    missingFields: { what: 'E-mail and password are required.', todo: 'Fill in both.' },
    unavailable: { what: 'The ledger system is unavailable right now.', todo: 'Try again later. What was done is kept.' },
    timeout: { what: 'The ledger system took too long to answer.', todo: 'Try again later; pushing again never duplicates rows.' },
    invalidArgument: { what: 'The ledger system did not accept what was sent.', todo: 'Run Check, fix the errors, then try again.' },
    excel: { what: 'Excel could not do this.', todo: 'Make sure no cell is being edited (press Esc) and try again.' },
    sheet: { what: 'The current sheet is not a ledger sheet.', todo: 'Switch to a ledger sheet, or click New ledger sheet.' },
    merged: { what: 'The rows have merged cells.', todo: 'Unmerge them and give every row its own value (select and press Ctrl+D to fill down), then click Check.' },
    unknown: { what: 'Something unexpected went wrong.', todo: 'Try again; if it keeps happening, tell an administrator the details below.' },
  },
  detail: 'Details',
};

export const STRINGS: Record<Lang, Strings> = { zh, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}
