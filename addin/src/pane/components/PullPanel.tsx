import { Button, Dropdown, Field, Input, Option, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { FILTER_FIELDS, LEDGERS, type LedgerName } from '@taizhang/ledger';
import type { PullFilter } from '@taizhang/client';
import type { Strings } from '../i18n';

export interface PullPanelProps {
  readonly s: Strings;
  readonly ledger: LedgerName;
  readonly filter: PullFilter;
  readonly overdueOnly: boolean;
  readonly full: boolean;
  /** The registry's active department names (责任单位). */
  readonly departments: readonly string[];
  readonly disabled: boolean;
  readonly onFilter: (f: PullFilter) => void;
  readonly onOverdueOnly: (on: boolean) => void;
  readonly onFull: (full: boolean) => void;
  readonly onPull: () => void;
}

type FilterKey = keyof PullFilter;

/** The ledger's filterable columns, each with the options it is picked from; none: typed (工作组). */
interface FilterField {
  readonly key: FilterKey;
  readonly header: string;
  readonly options?: readonly string[];
}

export function pullFilterFields(ledger: LedgerName, departments: readonly string[]): FilterField[] {
  const def = LEDGERS[ledger];
  return FILTER_FIELDS.flatMap((k): FilterField[] => {
    const f = def.fields.find((x) => x.key === k);
    if (!f) return [];
    if (k === 'department') return departments.length > 0 ? [{ key: k, header: f.header, options: departments }] : [{ key: k, header: f.header }];
    return [f.type.kind === 'enum' ? { key: k, header: f.header, options: f.type.options } : { key: k, header: f.header }];
  });
}

/** 汇总: the consolidated list pulled into a sheet, its filters picked from the ledger's options. */
export function PullPanel({ s, ledger, filter, overdueOnly, full, departments, disabled, onFilter, onOverdueOnly, onFull, onPull }: PullPanelProps) {
  const set = (k: FilterKey, v: string) => {
    const next: Record<string, string> = { ...filter };
    if (v) next[k] = v;
    else delete next[k];
    onFilter(next as PullFilter);
  };
  return (
    <section className="tz-pull" aria-labelledby="tz-pull-title">
      <h2 id="tz-pull-title">{s.pullTitle}</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset would bring its own border and legend into the Fluent layout; role=group says the same to a screen reader */}
      <div className="tz-filters" role="group" aria-label={s.filters}>
        {pullFilterFields(ledger, departments).map((f) => (
          <Field key={f.key} label={f.header} size="small">
            {f.options ? (
              <Dropdown
                size="small"
                disabled={disabled}
                value={filter[f.key] || s.all}
                selectedOptions={[filter[f.key] ?? '']}
                onOptionSelect={(_, d) => set(f.key, d.optionValue ?? '')}
              >
                <Option value="">{s.all}</Option>
                {f.options.map((o) => (
                  <Option key={o} value={o}>
                    {o}
                  </Option>
                ))}
              </Dropdown>
            ) : (
              <Input size="small" value={filter[f.key] ?? ''} disabled={disabled} onChange={(_, d) => set(f.key, d.value)} />
            )}
          </Field>
        ))}
        {ledger === 'problems' && <Switch label={s.overdueOnly} checked={overdueOnly} disabled={disabled} onChange={(_, d) => onOverdueOnly(d.checked)} />}
      </div>
      <Field label={s.pullMode}>
        <RadioGroup value={full ? 'full' : 'incremental'} disabled={disabled} onChange={(_, d) => onFull(d.value === 'full')}>
          <Radio value="incremental" label={s.incremental} />
          <Radio value="full" label={s.full} />
        </RadioGroup>
      </Field>
      <Button appearance="primary" onClick={onPull} disabled={disabled}>
        {s.pull}
      </Button>
    </section>
  );
}
