import { Button } from '@fluentui/react-components';
import type { RowWarnings } from '@taizhang/client';
import type { Lang, Strings } from '../i18n';

export interface WarningListProps {
  readonly s: Strings;
  readonly lang: Lang;
  readonly rows: readonly RowWarnings[];
  readonly onGoTo: (address: string) => void;
}

/** Where rows disagree with the registries: shown lighter than errors, never stopping a push. */
export function WarningList({ s, lang, rows, onGoTo }: WarningListProps) {
  if (rows.length === 0) return null;
  return (
    <section className="tz-warnings" aria-labelledby="tz-warnings-title">
      <h3 id="tz-warnings-title">{s.warningsTitle(rows.length)}</h3>
      <ul>
        {rows.map((r) => (
          <li key={r.key || r.row}>
            <strong>{s.rowLabel(r.row)}</strong>
            <ul>
              {r.warnings.map((w, i) => (
                <li key={`${w.field}-${i}`}>
                  {w.address && (
                    <Button appearance="transparent" size="small" onClick={() => onGoTo(w.address!)} title={s.goToCell(w.address, w.header)}>
                      {w.address}
                    </Button>
                  )}{' '}
                  <span>{lang === 'en' ? w.en : w.zh}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
