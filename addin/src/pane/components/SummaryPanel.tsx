import { Button, Field, Select } from '@fluentui/react-components';
import type { LedgerName } from '@taizhang/ledger';
import type { GroupBy } from '@taizhang/client';
import type { Strings } from '../i18n';

const GROUPS: Record<LedgerName, GroupBy[]> = {
  problems: ['county', 'sector', 'department', 'group', 'category', 'level'],
  visits: ['county', 'group'],
};

export interface SummaryPanelProps {
  readonly s: Strings;
  readonly ledger: LedgerName;
  readonly groupBy: GroupBy;
  readonly disabled: boolean;
  readonly onGroupBy: (g: GroupBy) => void;
  readonly onSummary: () => void;
}

export function SummaryPanel({ s, ledger, groupBy, disabled, onGroupBy, onSummary }: SummaryPanelProps) {
  const options = GROUPS[ledger];
  const value = options.includes(groupBy) ? groupBy : 'county';
  return (
    <section className="tz-summary" aria-label={s.summaryTitle}>
      <h3>{s.summaryTitle}</h3>
      <Field label={s.groupBy}>
        <Select value={value} disabled={disabled} onChange={(_, d) => onGroupBy(d.value as GroupBy)}>
          {options.map((g) => (
            <option key={g} value={g}>
              {s.groupByOptions[g] ?? g}
            </option>
          ))}
        </Select>
      </Field>
      <Button onClick={onSummary} disabled={disabled}>
        {s.summary}
      </Button>
    </section>
  );
}
