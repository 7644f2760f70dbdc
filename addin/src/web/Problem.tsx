import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Explained } from './explain';
import type { WebStrings } from './i18n';

/** Something that could not be done: what, what to do, and the particular reason. */
export function Problem({ s, problem }: { readonly s: WebStrings; readonly problem: Explained }) {
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{problem.what}</MessageBarTitle> {problem.todo}
        {problem.detail && (
          <div className="tz-detail">
            {s.detail}：{problem.detail}
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
