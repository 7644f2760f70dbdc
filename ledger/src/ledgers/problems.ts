import { CATEGORIES, COUNTY_ALIASES, COUNTY_LABELS, LEVELS, SECTORS, STATUSES, TARGET_TYPES } from '../domain';
import { is, isNot, type LedgerDef } from '../fields';

/** 问题清单: every problem a work group finds (../shared/spec/LEDGERS.md). */
export const problems: LedgerDef = {
  name: 'problems',
  title: '问题清单',
  titleEn: 'Problem list',
  idPrefix: 'P',
  yearField: 'foundOn',
  fields: [
    { key: 'county', header: '县（区、市）', en: 'County', type: { kind: 'enum', options: COUNTY_LABELS, aliases: COUNTY_ALIASES }, required: true, width: 10 },
    { key: 'township', header: '乡镇（街道）', en: 'Township', type: { kind: 'text', max: 50 }, required: is('targetType', '进村'), width: 12 },
    { key: 'targetType', header: '服务类型', en: 'Service type', type: { kind: 'enum', options: TARGET_TYPES }, required: true, width: 8 },
    { key: 'targetName', header: '服务对象', en: 'Served enterprise or village', type: { kind: 'text', max: 100 }, required: true, width: 24 },
    { key: 'creditCode', header: '统一社会信用代码', en: 'Unified social credit code', type: { kind: 'creditCode' }, required: false, onlyWhen: is('targetType', '入企'), width: 22 },
    { key: 'group', header: '工作组', en: 'Work group', type: { kind: 'text', max: 100 }, required: true, width: 18 },
    { key: 'sector', header: '行业专班', en: 'Sector team', type: { kind: 'enum', options: SECTORS }, required: true, width: 16 },
    { key: 'category', header: '问题类别', en: 'Category', type: { kind: 'enum', options: CATEGORIES }, required: true, width: 10 },
    { key: 'description', header: '问题描述', en: 'Description', type: { kind: 'text', min: 5, max: 1000 }, required: true, width: 40 },
    { key: 'foundOn', header: '发现日期', en: 'Found on', type: { kind: 'date', min: '2000-01-01', notAfterToday: true }, required: true, width: 12 },
    { key: 'level', header: '解决层级', en: 'Level', type: { kind: 'enum', options: LEVELS }, required: true, width: 10 },
    { key: 'department', header: '责任单位', en: 'Responsible department', type: { kind: 'text', max: 100 }, required: isNot('level', '现场解决'), width: 18 },
    { key: 'deadline', header: '办结时限', en: 'Deadline', type: { kind: 'date', notBefore: 'foundOn' }, required: isNot('status', '已解决'), width: 12 },
    { key: 'status', header: '办理状态', en: 'Status', type: { kind: 'enum', options: STATUSES }, required: true, width: 10 },
    { key: 'resolution', header: '解决措施及进展', en: 'Resolution and progress', type: { kind: 'text', max: 2000 }, required: is('status', '已解决'), width: 40 },
    { key: 'resolvedOn', header: '解决日期', en: 'Resolved on', type: { kind: 'date', notBefore: 'foundOn', notAfterToday: true }, required: is('status', '已解决'), width: 12 },
    { key: 'contact', header: '联系人', en: 'Contact', type: { kind: 'text', max: 50 }, required: false, width: 10 },
    { key: 'phone', header: '联系电话', en: 'Phone', type: { kind: 'phone' }, required: false, width: 15 },
    { key: 'remarks', header: '备注', en: 'Remarks', type: { kind: 'text', max: 500 }, required: false, width: 24 },
  ],
  rules: [{ field: 'status', when: is('level', '现场解决'), then: is('status', '已解决') }],
};
