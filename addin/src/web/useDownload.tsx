import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { explain, type Explained } from './explain';
import type { Lang, WebStrings } from './i18n';
import { Problem } from './Problem';

/**
 * A panel that makes one file and downloads it: busy while it works, then what it made or
 * what went wrong (the session ended: back to sign-in).
 */
export function useDownload(s: WebStrings, lang: Lang, onSignedOut: () => void) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<Explained>();

  /** Runs `make`, which downloads the file and says what it made. */
  const run = async (make: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setDone('');
    setProblem(undefined);
    try {
      setDone(await make());
    } catch (e) {
      const ex = explain(e, s, lang);
      setProblem(ex);
      if (ex.signedOut) onSignedOut();
    } finally {
      setBusy(false);
    }
  };

  const outcome = (
    <>
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {problem && <Problem s={s} problem={problem} />}
    </>
  );
  return { busy, run, outcome };
}
