import { Button, Text } from '@fluentui/react-components';
import type { Lang, Strings } from '../i18n';
import { compareRows } from '../compare';
import type { Comparison } from '../store';

export interface CompareViewProps {
  readonly s: Strings;
  readonly lang: Lang;
  readonly compare: Comparison;
  /** Coordinators and administrators decide; others only look. */
  readonly mayDecide: boolean;
  readonly disabled: boolean;
  readonly onLink: () => void;
  readonly onDismiss: () => void;
  readonly onBack: () => void;
}

/** Two problems side by side, every field of both, the differing ones marked; a coordinator links or dismisses. */
export function CompareView({ s, lang, compare, mayDecide, disabled, onLink, onDismiss, onBack }: CompareViewProps) {
  const fields = compareRows(compare.mine, compare.theirs);
  const m = compare.match;
  return (
    <section className="tz-compare" aria-labelledby="tz-compare-title">
      <h2 id="tz-compare-title">{s.compareTitle}</h2>
      {m && (
        <Text size={200} as="p">
          {s.duplicateLine(m.group, m.county, m.id, Math.round(m.similarity * 100))}
        </Text>
      )}
      <table>
        <caption>{s.compareCaption(compare.id, compare.of)}</caption>
        <thead>
          <tr>
            <th scope="col">{s.field}</th>
            <th scope="col">{s.compareMine(compare.id)}</th>
            <th scope="col">{s.compareTheirs(compare.of)}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field} className={f.differs ? 'tz-differs' : undefined}>
              <th scope="row">
                {lang === 'en' ? f.en : f.header}
                {f.differs && <span className="tz-sr">{s.differs}</span>}
              </th>
              <td>{f.mine || s.empty}</td>
              <td>{f.theirs || s.empty}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayDecide ? (
        <>
          <Text size={200} as="p">
            {s.linkHint(compare.id, compare.of)}
          </Text>
          <div className="tz-actions">
            <Button appearance="primary" disabled={disabled} onClick={onLink}>
              {s.linkDuplicate}
            </Button>
            <Button disabled={disabled} onClick={onDismiss}>
              {s.dismissDuplicate}
            </Button>
            <Button appearance="subtle" disabled={disabled} onClick={onBack}>
              {s.backToList}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Text size={200} as="p">
            {s.onlyCoordinators}
          </Text>
          <Button appearance="subtle" onClick={onBack}>
            {s.backToList}
          </Button>
        </>
      )}
    </section>
  );
}
