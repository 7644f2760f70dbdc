import { Button, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { TARGET_TYPES, type TargetMatch, type TargetType } from '@taizhang/ledger';
import { useState } from 'react';
import type { Strings } from '../i18n';

export interface TargetSearchProps {
  readonly s: Strings;
  readonly targetType: TargetType;
  readonly matches?: readonly TargetMatch[];
  /** Entries of the account's county the pane holds (the dropdown's); undefined: none read. */
  readonly registrySize?: number;
  readonly disabled: boolean;
  readonly onTargetType: (t: TargetType) => void;
  readonly onSearch: (query: string) => void;
  readonly onFill: (m: TargetMatch) => void;
}

/** 查找服务对象: the registry searched by name, other name or credit code; a pick fills the selected row. */
export function TargetSearch({ s, targetType, matches, registrySize, disabled, onTargetType, onSearch, onFill }: TargetSearchProps) {
  const [query, setQuery] = useState('');
  return (
    <section className="tz-targets" aria-labelledby="tz-targets-title">
      <h3 id="tz-targets-title">{s.targetSearch}</h3>
      {registrySize !== undefined && (
        <Text size={200} as="p">
          {s.registrySize(registrySize)}
        </Text>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is unknown to the webviews Office still hosts panes in */}
      <form
        role="search"
        aria-label={s.targetSearch}
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(query);
        }}
      >
        <RadioGroup
          layout="horizontal"
          aria-label={s.targetTypeLabel}
          value={targetType}
          disabled={disabled}
          onChange={(_, d) => onTargetType(d.value as TargetType)}
        >
          {TARGET_TYPES.map((t) => (
            <Radio key={t} value={t} label={t} />
          ))}
        </RadioGroup>
        <Field label={s.targetQuery} hint={s.targetSearchHint} size="small">
          <Input type="search" size="small" value={query} disabled={disabled} onChange={(_, d) => setQuery(d.value)} />
        </Field>
        <Button type="submit" size="small" disabled={disabled || !query.trim()}>
          {s.search}
        </Button>
      </form>
      {matches && matches.length === 0 && (
        <Text size={200} as="p">
          {s.noTargets}
        </Text>
      )}
      {matches && matches.length > 0 && (
        <ul className="tz-target-list">
          {matches.map((m) => (
            <li key={m.creditCode ?? m.id ?? `${m.county}-${m.name}`}>
              <div>
                <Text weight="semibold">{m.name}</Text>
                <Text size={200} className="tz-target-meta">
                  {' '}
                  {[m.county, m.township, m.creditCode].filter(Boolean).join(' · ')}
                </Text>
              </div>
              <Button size="small" disabled={disabled} aria-label={s.fillRowOf(m.name)} onClick={() => onFill(m)}>
                {s.fillRow}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
