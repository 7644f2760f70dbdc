// The vocabulary a ledger is declared in. Everything else — parser, rules, zod schemas,
// messages, the Excel template — is derived from these declarations.

export type ErrorCode = 'required' | 'type' | 'enum' | 'too_long' | 'too_short' | 'range' | 'format' | 'checksum' | 'rule' | 'unknown';

export const ERROR_CODES: readonly ErrorCode[] = ['required', 'type', 'enum', 'too_long', 'too_short', 'range', 'format', 'checksum', 'rule', 'unknown'];

export type FieldType =
  | { readonly kind: 'text'; readonly min?: number; readonly max: number }
  | { readonly kind: 'enum'; readonly options: readonly string[]; readonly aliases?: Readonly<Record<string, string>> }
  | {
      readonly kind: 'date';
      /** Earliest allowed day (YYYY-MM-DD). */
      readonly min?: string;
      /** Not after the "today" the rules are evaluated against. */
      readonly notAfterToday?: boolean;
      /** Not before the date in this other field. */
      readonly notBefore?: string;
    }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'phone' }
  | { readonly kind: 'creditCode' };

export type FieldKind = FieldType['kind'];

/**
 * "Field X is V", "is not V", "is one of V…", "is filled", optionally "and" another: the
 * shapes of condition the ledgers need. Exactly one of equals, notEquals, oneOf, filled.
 */
export interface Condition {
  readonly field: string;
  readonly equals?: string;
  readonly notEquals?: string;
  readonly oneOf?: readonly string[];
  readonly filled?: true;
  readonly and?: Condition;
}

export function is(field: string, value: string): Condition {
  return { field, equals: value };
}

export function isNot(field: string, value: string): Condition {
  return { field, notEquals: value };
}

export function isOneOf(field: string, values: readonly string[]): Condition {
  return { field, oneOf: values };
}

export function isFilled(field: string): Condition {
  return { field, filled: true };
}

/** Whether a condition holds on a row's canonical values (absent values are absent). */
export function conditionHolds(c: Condition, values: Readonly<Record<string, unknown>>): boolean {
  const v = values[c.field];
  const own = c.filled ? v !== undefined : c.oneOf !== undefined ? c.oneOf.includes(v as string) : c.equals !== undefined ? v === c.equals : v !== c.notEquals;
  return own && (c.and === undefined || conditionHolds(c.and, values));
}

/** Both conditions hold. */
export function both(a: Condition, b: Condition): Condition {
  return { ...a, and: a.and ? both(a.and, b) : b };
}

export interface FieldDef {
  readonly key: string;
  /** The Chinese column header, as clerks know it (docs/ledgers.md#the-fields). */
  readonly header: string;
  /** The English name, for English messages and the English UI. */
  readonly en: string;
  /** Other headers clerks' older sheets use for this column (县（市、区）, 联系方式…). */
  readonly otherHeaders?: readonly string[];
  readonly type: FieldType;
  /** true, false, or required only while a condition holds. */
  readonly required: boolean | Condition;
  /** The field may only be filled while this holds (otherwise a `rule` error). */
  readonly onlyWhen?: Condition;
  /** What an empty cell means, for counting ("absent = 0"). */
  readonly default?: number;
  /** Column width in the Excel template, in characters. */
  readonly width: number;
}

/** A cross-field rule: whenever `when` holds, `then` must hold; reported on `field`. */
export interface RowRule {
  readonly field: string;
  readonly when: Condition;
  readonly then: Condition;
}

export type LedgerName = 'problems' | 'visits';

export interface LedgerDef {
  readonly name: LedgerName;
  /** 问题清单 / 走访台账 */
  readonly title: string;
  readonly titleEn: string;
  /** Prefix of the row ids (P-…, V-…). */
  readonly idPrefix: string;
  /** The date field whose year goes into the id. */
  readonly yearField: string;
  readonly fields: readonly FieldDef[];
  readonly rules: readonly RowRule[];
}
