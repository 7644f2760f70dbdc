// Every error text a clerk can see for a cell, in Chinese and English.

import type { Condition, ErrorCode, FieldDef, FieldKind, LedgerDef } from './fields';
import { quote } from './types/normalize';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** One problem with one field of one row. `row` is added by whoever knows where the row lives. */
export interface FieldError extends Bilingual {
  readonly field: string;
  readonly header: string;
  readonly code: ErrorCode;
  /** Chinese, then English: the form the API and the CLI print. */
  readonly message: string;
  row?: number;
}

export function bilingual(zh: string, en: string): Bilingual {
  return { zh, en };
}

/** "中文 / English", the single-string form of every message (docs/api.md#calling). */
export function joined(m: Bilingual): string {
  return `${m.zh} / ${m.en}`;
}

/**
 * A field's message in a list under its column's name: the name only when the message does
 * not already say it (never "发现日期：「发现日期」无法识别").
 */
export function withField(header: string, message: string): string {
  return message.includes(header) ? message : `${header}：${message}`;
}

export function fieldError(field: Pick<FieldDef, 'key' | 'header'>, code: ErrorCode, m: Bilingual): FieldError {
  return { field: field.key, header: field.header, code, zh: m.zh, en: m.en, message: joined(m) };
}

function name(f: FieldDef): Bilingual {
  return { zh: `「${f.header}」`, en: f.en };
}

/** "X is V" as a circumstance, or as a demand ("X must be V") when `demand` is set. */
function conditionText(ledger: LedgerDef, c: Condition, demand = false): Bilingual {
  const one = oneConditionText(ledger, c, demand);
  if (!c.and) return one;
  const rest = conditionText(ledger, c.and, demand);
  return { zh: `${one.zh}且${rest.zh}`, en: `${one.en} and ${rest.en}` };
}

function oneConditionText(ledger: LedgerDef, c: Condition, demand: boolean): Bilingual {
  const f = ledger.fields.find((x) => x.key === c.field);
  const header = f ? f.header : c.field;
  const en = f ? f.en : c.field;
  if (c.filled) {
    return demand ? { zh: `「${header}」须填写`, en: `${en} must be filled in` } : { zh: `已填写「${header}」`, en: `${en} is filled in` };
  }
  if (c.oneOf !== undefined) {
    const zh = c.oneOf.map((o) => `「${o}」`).join('或');
    const list = c.oneOf.join(' or ');
    return demand ? { zh: `「${header}」须为${zh}`, en: `${en} must be ${list}` } : { zh: `「${header}」为${zh}`, en: `${en} is ${list}` };
  }
  if (c.equals !== undefined) {
    return demand
      ? { zh: `「${header}」须为「${c.equals}」`, en: `${en} must be ${c.equals}` }
      : { zh: `「${header}」为「${c.equals}」`, en: `${en} is ${c.equals}` };
  }
  return demand
    ? { zh: `「${header}」不能为「${c.notEquals}」`, en: `${en} must not be ${c.notEquals}` }
    : { zh: `「${header}」不是「${c.notEquals}」`, en: `${en} is not ${c.notEquals}` };
}

const KIND_EXAMPLE: Record<FieldKind, Bilingual> = {
  text: { zh: '文本', en: 'text' },
  enum: { zh: '下拉选项之一', en: 'one of the options' },
  date: { zh: '日期，如 2022-03-24', en: 'a date such as 2022-03-24' },
  int: { zh: '整数', en: 'a whole number' },
  phone: { zh: '手机号或固定电话', en: 'a mobile or landline number' },
  creditCode: { zh: '18 位统一社会信用代码', en: 'an 18-character unified social credit code' },
};

const MAX_OPTIONS_LISTED = 12;

function optionList(options: readonly string[]): string {
  const shown = options.slice(0, MAX_OPTIONS_LISTED).join('、');
  return options.length > MAX_OPTIONS_LISTED ? `${shown}…` : shown;
}

export const messages = {
  required(f: FieldDef): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}为必填项`, `${n.en} is required`);
  },
  requiredWhen(ledger: LedgerDef, f: FieldDef, c: Condition): Bilingual {
    const n = name(f);
    const w = conditionText(ledger, c);
    return bilingual(`${w.zh}时，${n.zh}为必填项`, `${n.en} is required when ${w.en}`);
  },
  type(f: FieldDef, raw: unknown): Bilingual {
    const n = name(f);
    const k = KIND_EXAMPLE[f.type.kind];
    return bilingual(`${n.zh}无法识别：“${quote(raw)}”，应为${k.zh}`, `${n.en}: cannot read "${quote(raw)}", expected ${k.en}`);
  },
  enum(f: FieldDef, raw: unknown, options: readonly string[]): Bilingual {
    const n = name(f);
    const list = optionList(options);
    return bilingual(`${n.zh}“${quote(raw)}”不是可选项，应为：${list}`, `${n.en}: "${quote(raw)}" is not an option; choose one of: ${list}`);
  },
  brokenText(f: FieldDef): Bilingual {
    const n = name(f);
    return bilingual(
      `${n.zh}含有残缺的字符（多为复制粘贴造成），请删除后重新输入`,
      `${n.en} contains a broken character (usually from copy and paste); delete it and type it again`,
    );
  },
  tooLong(f: FieldDef, max: number, actual: number): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}最多 ${max} 个字（现有 ${actual} 个）`, `${n.en} is at most ${max} characters (has ${actual})`);
  },
  tooShort(f: FieldDef, min: number, actual: number): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}至少 ${min} 个字（现有 ${actual} 个）`, `${n.en} needs at least ${min} characters (has ${actual})`);
  },
  intRange(f: FieldDef, min: number, max: number, value: number): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}应在 ${min}–${max} 之间（现为 ${value}）`, `${n.en} must be between ${min} and ${max} (is ${value})`);
  },
  notInteger(f: FieldDef, raw: unknown): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}应为整数（现为 ${quote(raw)}）`, `${n.en} must be a whole number (is ${quote(raw)})`);
  },
  dateTooEarly(f: FieldDef, min: string, value: string): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}不能早于 ${min}（现为 ${value}）`, `${n.en} cannot be before ${min} (is ${value})`);
  },
  dateAfterToday(f: FieldDef, today: string, value: string): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}不能晚于今天 ${today}（现为 ${value}）`, `${n.en} cannot be after today, ${today} (is ${value})`);
  },
  dateBefore(f: FieldDef, other: FieldDef, value: string, otherValue: string): Bilingual {
    const n = name(f);
    const o = name(other);
    return bilingual(`${n.zh}（${value}）不能早于${o.zh}（${otherValue}）`, `${n.en} (${value}) cannot be before ${o.en} (${otherValue})`);
  },
  phoneFormat(f: FieldDef, raw: unknown): Bilingual {
    const n = name(f);
    return bilingual(
      `${n.zh}“${quote(raw)}”不是有效号码：手机为 1 开头的 11 位数字，固定电话为区号加 7–8 位号码（如 0354-1234567）`,
      `${n.en}: "${quote(raw)}" is not a valid number: a mobile has 11 digits starting with 1, a landline an area code and 7–8 digits (e.g. 0354-1234567)`,
    );
  },
  creditCodeFormat(f: FieldDef, raw: unknown): Bilingual {
    const n = name(f);
    return bilingual(
      `${n.zh}“${quote(raw)}”格式不对：应为 18 位数字或大写字母（不含 I、O、Z、S、V）`,
      `${n.en}: "${quote(raw)}" is malformed: 18 digits or capital letters (no I, O, Z, S, V)`,
    );
  },
  creditCodeChecksum(f: FieldDef, raw: unknown): Bilingual {
    const n = name(f);
    return bilingual(`${n.zh}“${quote(raw)}”校验位不对，请核对是否抄错`, `${n.en}: "${quote(raw)}" fails its check character; please check for a typo`);
  },
  onlyWhen(ledger: LedgerDef, f: FieldDef, c: Condition): Bilingual {
    const n = name(f);
    const w = conditionText(ledger, c);
    return bilingual(`仅当${w.zh}时才可填写${n.zh}`, `${n.en} may only be filled when ${w.en}`);
  },
  implies(ledger: LedgerDef, when: Condition, then: Condition): Bilingual {
    const a = conditionText(ledger, when);
    const b = conditionText(ledger, then, true);
    return bilingual(`${a.zh}时，${b.zh}`, `When ${a.en}, ${b.en}`);
  },
  unknown(column: string): Bilingual {
    return bilingual(`本台账没有“${quote(column)}”这一列`, `This ledger has no column "${quote(column)}"`);
  },
} as const;
