import { COUNTY_ALIASES, COUNTY_LABELS, EARLIEST_DATE, TARGET_TYPES } from '../domain';
import { is, type LedgerDef } from '../fields';

/** 走访台账: every visit a work group makes (docs/ledgers.md#the-fields). */
export const visits: LedgerDef = {
  name: 'visits',
  title: '走访台账',
  titleEn: 'Visit log',
  idPrefix: 'V',
  yearField: 'visitedOn',
  fields: [
    { key: 'visitedOn', header: '走访日期', en: 'Visited on', otherHeaders: ['走访时间'], type: { kind: 'date', min: EARLIEST_DATE, notAfterToday: true }, required: true, width: 12 },
    { key: 'county', header: '县（区、市）', en: 'County', otherHeaders: ['县（市、区）', '县区', '区县', '县（市）'], type: { kind: 'enum', options: COUNTY_LABELS, aliases: COUNTY_ALIASES }, required: true, width: 10 },
    { key: 'township', header: '乡镇（街道）', en: 'Township', otherHeaders: ['乡镇', '乡（镇）', '乡镇（街道办）'], type: { kind: 'text', max: 50 }, required: is('targetType', '进村'), width: 12 },
    { key: 'targetType', header: '服务类型', en: 'Service type', type: { kind: 'enum', options: TARGET_TYPES }, required: true, width: 8 },
    { key: 'targetName', header: '服务对象', en: 'Served enterprise or village', otherHeaders: ['企业（村）名称', '服务对象名称'], type: { kind: 'text', max: 100 }, required: true, width: 24 },
    { key: 'creditCode', header: '统一社会信用代码', en: 'Unified social credit code', otherHeaders: ['社会信用代码', '信用代码'], type: { kind: 'creditCode' }, required: false, onlyWhen: is('targetType', '入企'), width: 22 },
    { key: 'group', header: '工作组', en: 'Work group', otherHeaders: ['工作组名称', '服务工作组'], type: { kind: 'text', max: 100 }, required: true, width: 18 },
    { key: 'staff', header: '参与人数', en: 'Staff', otherHeaders: ['走访人数', '人数'], type: { kind: 'int', min: 1, max: 100 }, required: true, width: 9 },
    { key: 'policies', header: '宣讲政策（项）', en: 'Policies explained', otherHeaders: ['宣讲政策', '宣讲政策数'], type: { kind: 'int', min: 0, max: 1000 }, required: false, default: 0, width: 12 },
    { key: 'served', header: '服务人次', en: 'People served', otherHeaders: ['服务群众人次'], type: { kind: 'int', min: 0, max: 100000 }, required: false, default: 0, width: 10 },
    { key: 'problemsFound', header: '发现问题（个）', en: 'Problems found', otherHeaders: ['发现问题', '发现问题数'], type: { kind: 'int', min: 0, max: 1000 }, required: false, default: 0, width: 12 },
    { key: 'notes', header: '备注', en: 'Notes', type: { kind: 'text', max: 500 }, required: false, width: 24 },
  ],
  rules: [],
};
