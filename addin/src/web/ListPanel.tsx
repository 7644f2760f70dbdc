import { Button, Field, Input, Select, Spinner, Switch, Text } from '@fluentui/react-components';
import type { ApiClient } from '@taizhang/client';
import { FILTER_FIELDS, LEDGER_NAMES, LEDGERS, todayInShanghai, type LedgerName } from '@taizhang/ledger';
import { useState } from 'react';
import { download } from './download';
import type { WebStrings, Lang } from './i18n';
import { filterOf, listFile } from './listFile';
import { useDownload } from './useDownload';

export interface ListPanelProps {
  readonly s: WebStrings;
  readonly lang: Lang;
  readonly api: () => ApiClient;
  readonly onSignedOut: () => void;
}

/** The filters a ledger has: its own columns among those the list can be filtered by, with their options when it has a fixed list. */
export function filterFields(ledger: LedgerName): { key: string; options?: readonly string[] }[] {
  const def = LEDGERS[ledger];
  return FILTER_FIELDS.flatMap((k) => {
    const f = def.fields.find((x) => x.key === k);
    if (!f) return [];
    return [f.type.kind === 'enum' ? { key: k, options: f.type.options } : { key: k }];
  });
}

export function ListPanel({ s, lang, api, onSignedOut }: ListPanelProps) {
  const [ledger, setLedger] = useState<LedgerName>('problems');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [overdue, setOverdue] = useState(false);
  const { busy, run, outcome } = useDownload(s, lang, onSignedOut);
  const fields = filterFields(ledger);

  const make = async (): Promise<string> => {
    const today = todayInShanghai();
    const kept = Object.fromEntries(fields.map((f) => [f.key, choices[f.key]]));
    const r = await listFile(api(), { ledger, filter: filterOf(kept), ...(overdue && ledger === 'problems' && { overdueAsOf: today }) }, today);
    download(r.bytes, r.name);
    return s.listed(s.ledgers[ledger] ?? ledger, r.rows);
  };

  return (
    <section className="tz-section" aria-labelledby="tz-list-title">
      <h2 id="tz-list-title">{s.listTitle}</h2>
      <Text as="p">{s.listHint}</Text>
      <div className="tz-filters">
        <Field label={s.ledger}>
          <Select value={ledger} onChange={(_, d) => setLedger(d.value as LedgerName)} disabled={busy}>
            {LEDGER_NAMES.map((n) => (
              <option key={n} value={n}>
                {s.ledgers[n] ?? n}
              </option>
            ))}
          </Select>
        </Field>
        {fields.map((f) => (
          <Field key={f.key} label={s.filterFields[f.key] ?? f.key}>
            {f.options ? (
              <Select value={choices[f.key] ?? ''} onChange={(_, d) => setChoices((c) => ({ ...c, [f.key]: d.value }))} disabled={busy}>
                <option value="">{s.all}</option>
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                value={choices[f.key] ?? ''}
                placeholder={s.typeToFilter}
                onChange={(_, d) => setChoices((c) => ({ ...c, [f.key]: d.value }))}
                disabled={busy}
              />
            )}
          </Field>
        ))}
        {ledger === 'problems' && <Switch label={s.overdueOnly} checked={overdue} onChange={(_, d) => setOverdue(d.checked)} disabled={busy} />}
      </div>
      <div className="tz-actions">
        <Button appearance="primary" onClick={() => void run(make)} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? s.listing : s.downloadList}
        </Button>
      </div>
      {outcome}
    </section>
  );
}
