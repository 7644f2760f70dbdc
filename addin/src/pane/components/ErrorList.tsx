import { Button } from '@fluentui/react-components';
import type { RowErrors } from '../../engine';
import type { Lang, Strings } from '../i18n';

export interface ErrorListProps {
  readonly s: Strings;
  readonly lang: Lang;
  readonly rows: readonly RowErrors[];
  readonly onGoTo: (address: string) => void;
}

/** Errors grouped by row; each error with a cell is a button that selects the cell. */
export function ErrorList({ s, lang, rows, onGoTo }: ErrorListProps) {
  if (rows.length === 0) return null;
  return (
    <section className="tz-errors" aria-label={s.errorsTitle(rows.length)}>
      <h3>{s.errorsTitle(rows.length)}</h3>
      <ul>
        {rows.map((r) => (
          <li key={r.key || r.row}>
            <strong>{s.rowLabel(r.row)}</strong>
            <ul>
              {r.errors.map((e, i) => (
                <li key={`${e.field}-${i}`}>
                  {e.address ? (
                    <Button appearance="transparent" size="small" onClick={() => onGoTo(e.address!)} title={s.goToCell(e.address, e.header)}>
                      {e.address}
                    </Button>
                  ) : (
                    <span>{s.noCell}</span>
                  )}{' '}
                  <span className="tz-field">{e.header}</span>：<span>{lang === 'en' ? e.en : e.zh}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
