import type { FieldDef, LedgerDef, LedgerName } from '../fields';
import { problems } from './problems';
import { visits } from './visits';

export { problems, visits };

export const LEDGERS: Readonly<Record<LedgerName, LedgerDef>> = { problems, visits };

export const LEDGER_NAMES: readonly LedgerName[] = ['problems', 'visits'];

export function isLedgerName(x: unknown): x is LedgerName {
  return x === 'problems' || x === 'visits';
}

export function getLedger(name: LedgerName): LedgerDef {
  return LEDGERS[name];
}

export function fieldOf(ledger: LedgerDef, key: string): FieldDef | undefined {
  return ledger.fields.find((f) => f.key === key);
}
