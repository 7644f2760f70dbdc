// What the add-in needs to lay out a new ledger sheet, derived from the declaration.

import type { FieldDef, FieldKind, LedgerDef } from './fields';

export interface TemplateColumn {
  readonly key: string;
  readonly header: string;
  readonly en: string;
  readonly kind: FieldKind;
  /** Width in characters. */
  readonly width: number;
  /** Excel number format: text columns are '@' so nothing typed or pulled becomes a formula. */
  readonly numberFormat: string;
  /** Dropdown options for enum columns. */
  readonly options?: readonly string[];
  readonly required: 'always' | 'sometimes' | 'never';
}

export const DATE_FORMAT = 'yyyy-mm-dd';

const NUMBER_FORMAT: Record<FieldKind, string> = {
  text: '@',
  enum: '@',
  phone: '@',
  creditCode: '@',
  date: DATE_FORMAT,
  int: '0',
};

function requiredness(f: FieldDef): TemplateColumn['required'] {
  return f.required === true ? 'always' : f.required === false ? 'never' : 'sometimes';
}

export function templateColumns(ledger: LedgerDef): TemplateColumn[] {
  return ledger.fields.map((f) => ({
    key: f.key,
    header: f.header,
    en: f.en,
    kind: f.type.kind,
    width: f.width,
    numberFormat: NUMBER_FORMAT[f.type.kind],
    ...(f.type.kind === 'enum' ? { options: f.type.options } : {}),
    required: requiredness(f),
  }));
}
