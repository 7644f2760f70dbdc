import { Button, Field, ProgressBar } from '@fluentui/react-components';
import type { Strings } from '../i18n';
import type { Busy } from '../store';

const FLOW_LABEL = {
  createSheet: 'createSheet',
  check: 'check',
  push: 'push',
  pull: 'pull',
  summary: 'summary',
  resolve: 'applyChoices',
  notice: 'noticeSheets',
  open: 'open',
  fill: 'fillFlow',
  compare: 'compareFlow',
  decideDuplicate: 'decideFlow',
} as const;

export interface ProgressProps {
  readonly s: Strings;
  readonly busy: Busy;
  readonly onCancel: () => void;
}

export function Progress({ s, busy, onCancel }: ProgressProps) {
  const what = s[FLOW_LABEL[busy.flow]];
  const phase = busy.phase ? (s.phases[busy.phase] ?? busy.phase) : undefined;
  const known = busy.total > 0;
  const hint = phase && known ? s.progress(phase, busy.done, busy.total) : s.working(what);
  return (
    <section className="tz-progress" aria-live="polite">
      <Field label={s.working(what)} hint={hint} validationState="none">
        <ProgressBar value={known ? Math.min(1, busy.done / busy.total) : undefined} max={1} />
      </Field>
      <Button onClick={onCancel} disabled={busy.cancelling}>
        {busy.cancelling ? s.cancelling : s.cancel}
      </Button>
    </section>
  );
}
