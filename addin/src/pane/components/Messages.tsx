import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { explain } from '../errors';
import type { Lang, Strings } from '../i18n';
import type { Notice } from '../store';

export function noticeText(s: Strings, n: Notice): string {
  const f = s[n.key] as string | ((...a: never[]) => string);
  return typeof f === 'function' ? (f as (...a: readonly (string | number | boolean)[]) => string)(...n.args) : f;
}

export function Notices({ s, notices }: { readonly s: Strings; readonly notices: readonly Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="tz-notices" role="status">
      {notices.map((n, i) => (
        <MessageBar key={`${n.key}-${i}`} intent={n.kind}>
          <MessageBarBody>{noticeText(s, n)}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}

export interface ErrorBoxProps {
  readonly s: Strings;
  readonly lang: Lang;
  readonly error: unknown;
  readonly onDismiss: () => void;
  readonly onSignOut: () => void;
}

/** What happened, what to do, and the detail; an expired session offers to sign in again. */
export function ErrorBox({ s, lang, error, onDismiss, onSignOut }: ErrorBoxProps) {
  const e = explain(error, s, lang);
  return (
    <MessageBar intent="error" className="tz-error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{e.what}</MessageBarTitle> {e.todo}
        {e.detail && (
          <div className="tz-detail">
            {s.detail}：{e.detail}
          </div>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {e.signOut && (
          <Button size="small" onClick={onSignOut}>
            {s.signOut}
          </Button>
        )}
        <Button size="small" onClick={onDismiss}>
          {s.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
