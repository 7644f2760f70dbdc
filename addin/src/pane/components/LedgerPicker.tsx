import { Field, Radio, RadioGroup } from '@fluentui/react-components';
import { LEDGER_NAMES, type LedgerName } from '@taizhang/ledger';
import type { Strings } from '../i18n';

export interface LedgerPickerProps {
  readonly s: Strings;
  readonly ledger: LedgerName;
  readonly disabled: boolean;
  readonly onChange: (l: LedgerName) => void;
}

export function LedgerPicker({ s, ledger, disabled, onChange }: LedgerPickerProps) {
  return (
    <Field label={s.ledger}>
      <RadioGroup layout="horizontal" value={ledger} disabled={disabled} onChange={(_, d) => onChange(d.value as LedgerName)}>
        {LEDGER_NAMES.map((name) => (
          <Radio key={name} value={name} label={s.ledgers[name] ?? name} />
        ))}
      </RadioGroup>
    </Field>
  );
}
