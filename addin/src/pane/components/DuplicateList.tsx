import { Button, Text } from '@fluentui/react-components';
import type { FoundDuplicates } from '@taizhang/client';
import type { DuplicateMatch } from '@taizhang/ledger';
import type { Strings } from '../i18n';

export interface DuplicateListProps {
  readonly s: Strings;
  readonly duplicates: readonly FoundDuplicates[];
  readonly disabled: boolean;
  readonly onCompare: (id: string, of: string, match: DuplicateMatch) => void;
}

/** After a push: the stored rows that likely repeat another group's problem, each pair opening the comparison. */
export function DuplicateList({ s, duplicates, disabled, onCompare }: DuplicateListProps) {
  if (duplicates.length === 0) return null;
  return (
    <section className="tz-duplicates" aria-labelledby="tz-duplicates-title">
      <h3 id="tz-duplicates-title">{s.duplicatesTitle(duplicates.length)}</h3>
      <ul>
        {duplicates.map((d) => (
          <li key={d.key}>
            <strong>{s.rowLabel(d.row)}</strong> <Text size={200}>{d.id}</Text>
            <ul>
              {d.matches.map((m) => (
                <li key={m.id}>
                  <Text size={200}>{s.duplicateLine(m.group, m.county, m.id, Math.round(m.similarity * 100))}</Text>{' '}
                  <Button size="small" disabled={disabled} aria-label={s.compareOpenOf(d.id, m.id)} onClick={() => onCompare(d.id, m.id, m)}>
                    {s.compareOpen}
                  </Button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
