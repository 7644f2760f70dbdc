import { Button, Radio, RadioGroup } from '@fluentui/react-components';
import type { CanonicalValue } from '@taizhang/ledger';
import type { Choice, Conflict } from '../../engine';
import type { Lang, Strings } from '../i18n';

/** The words of the conflicts' choices: the pane's and the web page's strings both carry them. */
export type ConflictStrings = Pick<
  Strings,
  | 'conflictsTitle'
  | 'conflictIntro'
  | 'conflictRow'
  | 'conflictWithdrawn'
  | 'field'
  | 'mine'
  | 'theirs'
  | 'empty'
  | 'keepMine'
  | 'takeTheirs'
  | 'later'
  | 'applyChoices'
>;

export interface ConflictsProps {
  readonly s: ConflictStrings;
  readonly lang: Lang;
  readonly conflicts: readonly Conflict[];
  readonly decisions: Readonly<Record<string, Choice>>;
  readonly disabled: boolean;
  readonly onDecide: (key: string, choice: Choice) => void;
  readonly onApply: () => void;
}

function show(v: CanonicalValue | undefined, s: ConflictStrings): string {
  return v === undefined || v === '' ? s.empty : String(v);
}

/** An ISO timestamp as the clerk's wall clock (Asia/Shanghai): 2026-11-28 18:04. */
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** Each conflicting row: the differing fields side by side, and the clerk's choice (the task pane and the web page). */
export function Conflicts({ s, lang, conflicts, decisions, disabled, onDecide, onApply }: ConflictsProps) {
  if (conflicts.length === 0) return null;
  return (
    <section className="tz-conflicts" aria-labelledby="tz-conflicts-title">
      <h3 id="tz-conflicts-title">{s.conflictsTitle(conflicts.length)}</h3>
      <p>{s.conflictIntro}</p>
      {conflicts.map((c) => {
        const caption = s.conflictRow(c.row, c.current.updatedBy, when(c.current.updatedAt));
        return (
          <article key={c.key} className="tz-conflict">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.field}</th>
                  <th scope="col">{s.mine}</th>
                  <th scope="col">{s.theirs}</th>
                </tr>
              </thead>
              <tbody>
                {c.diff.map((d) => (
                  <tr key={d.field}>
                    <th scope="row">{lang === 'en' ? d.en : d.header}</th>
                    <td>{show(d.mine, s)}</td>
                    <td>{show(d.theirs, s)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.current.withdrawn && <p className="tz-note">{s.conflictWithdrawn}</p>}
            <RadioGroup
              aria-label={caption}
              layout="horizontal"
              value={decisions[c.key] ?? 'later'}
              disabled={disabled}
              onChange={(_, d) => onDecide(c.key, d.value as Choice)}
            >
              <Radio value="keepMine" label={s.keepMine} disabled={c.current.withdrawn} />
              <Radio value="takeTheirs" label={s.takeTheirs} />
              <Radio value="later" label={s.later} />
            </RadioGroup>
          </article>
        );
      })}
      <Button appearance="primary" onClick={onApply} disabled={disabled}>
        {s.applyChoices}
      </Button>
    </section>
  );
}
