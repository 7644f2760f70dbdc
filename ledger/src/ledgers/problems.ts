import { CATEGORIES, COUNTY_ALIASES, COUNTY_LABELS, EARLIEST_DATE, FOLLOW_UPS, LEVELS, SECTORS, STATUSES, TARGET_TYPES } from '../domain';
import { both, is, isFilled, isNot, isOneOf, type LedgerDef } from '../fields';

/** 问题清单: every problem a work group finds (docs/ledgers.md#the-fields). */
export const problems: LedgerDef = {
  name: 'problems',
  title: '问题清单',
  titleEn: 'Problem list',
  idPrefix: 'P',
  yearField: 'foundOn',
  fields: [
    { key: 'county', header: '县（区、市）', en: 'County', otherHeaders: ['县（市、区）', '县区', '区县', '县（市）'], type: { kind: 'enum', options: COUNTY_LABELS, aliases: COUNTY_ALIASES }, required: true, width: 10 },
    { key: 'township', header: '乡镇（街道）', en: 'Township', otherHeaders: ['乡镇', '乡（镇）', '乡镇（街道办）'], type: { kind: 'text', max: 50 }, required: is('targetType', '进村'), width: 12 },
    { key: 'targetType', header: '服务类型', en: 'Service type', type: { kind: 'enum', options: TARGET_TYPES }, required: true, width: 8 },
    { key: 'targetName', header: '服务对象', en: 'Served enterprise or village', otherHeaders: ['企业（村）名称', '服务对象名称'], type: { kind: 'text', max: 100 }, required: true, width: 24 },
    { key: 'creditCode', header: '统一社会信用代码', en: 'Unified social credit code', otherHeaders: ['社会信用代码', '信用代码'], type: { kind: 'creditCode' }, required: false, onlyWhen: is('targetType', '入企'), width: 22 },
    { key: 'group', header: '工作组', en: 'Work group', otherHeaders: ['工作组名称', '服务工作组'], type: { kind: 'text', max: 100 }, required: true, width: 18 },
    { key: 'sector', header: '行业专班', en: 'Sector team', otherHeaders: ['专班', '工作专班'], type: { kind: 'enum', options: SECTORS }, required: true, width: 16 },
    { key: 'category', header: '问题类别', en: 'Category', otherHeaders: ['问题类型'], type: { kind: 'enum', options: CATEGORIES }, required: true, width: 10 },
    { key: 'description', header: '问题描述', en: 'Description', otherHeaders: ['问题内容', '存在问题'], type: { kind: 'text', min: 5, max: 1000 }, required: true, width: 40 },
    { key: 'foundOn', header: '发现日期', en: 'Found on', otherHeaders: ['发现时间'], type: { kind: 'date', min: EARLIEST_DATE, notAfterToday: true }, required: true, width: 12 },
    { key: 'level', header: '解决层级', en: 'Level', otherHeaders: ['问题层级', '解决方式'], type: { kind: 'enum', options: LEVELS }, required: true, width: 10 },
    { key: 'department', header: '责任单位', en: 'Responsible department', otherHeaders: ['责任部门', '牵头单位'], type: { kind: 'text', max: 100 }, required: both(isNot('level', '现场解决'), isNot('status', '待办理')), width: 18 },
    { key: 'deadline', header: '办结时限', en: 'Deadline', otherHeaders: ['办结期限', '完成时限'], type: { kind: 'date', notBefore: 'foundOn' }, required: isOneOf('status', ['办理中', '待审核']), width: 12 },
    { key: 'status', header: '办理状态', en: 'Status', otherHeaders: ['办理情况', '状态'], type: { kind: 'enum', options: STATUSES }, required: true, width: 10 },
    { key: 'resolution', header: '解决措施及进展', en: 'Resolution and progress', otherHeaders: ['解决措施', '办理进展'], type: { kind: 'text', max: 2000 }, required: isOneOf('status', ['已解决', '待审核']), width: 40 },
    { key: 'resolvedOn', header: '解决日期', en: 'Resolved on', otherHeaders: ['办结日期', '解决时间'], type: { kind: 'date', notBefore: 'foundOn', notAfterToday: true }, required: is('status', '已解决'), width: 12 },
    { key: 'contact', header: '联系人', en: 'Contact', type: { kind: 'text', max: 50 }, required: false, width: 10 },
    { key: 'phone', header: '联系电话', en: 'Phone', otherHeaders: ['联系方式', '电话'], type: { kind: 'phone' }, required: false, width: 15 },
    { key: 'remarks', header: '备注', en: 'Remarks', type: { kind: 'text', max: 500 }, required: false, width: 24 },
    { key: 'review', header: '审核意见', en: 'Review', otherHeaders: ['审核情况', '退回意见'], type: { kind: 'text', max: 500 }, required: false, width: 24 },
    { key: 'followUp', header: '回访情况', en: 'Follow-up', otherHeaders: ['回访结果', '满意度'], type: { kind: 'enum', options: FOLLOW_UPS }, required: false, onlyWhen: is('status', '已解决'), width: 10 },
    { key: 'followUpOn', header: '回访日期', en: 'Followed up on', otherHeaders: ['回访时间'], type: { kind: 'date', notBefore: 'resolvedOn', notAfterToday: true }, required: isFilled('followUp'), width: 12 },
  ],
  rules: [{ field: 'status', when: is('level', '现场解决'), then: is('status', '已解决') }],
};
