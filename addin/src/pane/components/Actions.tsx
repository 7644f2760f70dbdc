import { Button } from '@fluentui/react-components';
import type { Strings } from '../i18n';
import type { PaneActions } from '../store';

export interface ActionsProps {
  readonly s: Strings;
  readonly disabled: boolean;
  readonly actions: Pick<PaneActions, 'createSheet' | 'check' | 'push'>;
}

export function Actions({ s, disabled, actions }: ActionsProps) {
  return (
    <section className="tz-actions" aria-label={s.actions}>
      <Button onClick={() => void actions.createSheet()} disabled={disabled}>
        {s.createSheet}
      </Button>
      <Button onClick={() => void actions.check()} disabled={disabled}>
        {s.check}
      </Button>
      <Button appearance="primary" onClick={() => void actions.push()} disabled={disabled}>
        {s.push}
      </Button>
    </section>
  );
}
