import { Button, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import type { LedgerName } from '@taizhang/ledger';
import type { PullFilter } from '@taizhang/client';
import type { Strings } from '../i18n';

const FILTERS: Record<LedgerName, (keyof PullFilter)[]> = {
  problems: ['county', 'group', 'sector', 'status', 'level'],
  visits: ['county', 'group'],
};

export interface PullPanelProps {
  readonly s: Strings;
  readonly ledger: LedgerName;
  readonly filter: PullFilter;
  readonly full: boolean;
  readonly disabled: boolean;
  readonly onFilter: (f: PullFilter) => void;
  readonly onFull: (full: boolean) => void;
  readonly onPull: () => void;
}

export function PullPanel({ s, ledger, filter, full, disabled, onFilter, onFull, onPull }: PullPanelProps) {
  return (
    <section className="tz-pull" aria-label={s.pullTitle}>
      <h3>{s.pullTitle}</h3>
      <fieldset className="tz-filters">
        <legend>{s.filters}</legend>
        {FILTERS[ledger].map((k) => (
          <Field key={k} label={s.filterFields[k] ?? k} size="small">
            <Input size="small" value={filter[k] ?? ''} disabled={disabled} onChange={(_, d) => onFilter({ ...filter, [k]: d.value })} />
          </Field>
        ))}
      </fieldset>
      <Field label={s.pullMode}>
        <RadioGroup value={full ? 'full' : 'incremental'} disabled={disabled} onChange={(_, d) => onFull(d.value === 'full')}>
          <Radio value="incremental" label={s.incremental} />
          <Radio value="full" label={s.full} />
        </RadioGroup>
      </Field>
      <Button onClick={onPull} disabled={disabled}>{s.pull}</Button>
    </section>
  );
}
