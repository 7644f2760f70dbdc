import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import type { ApiClient } from '@taizhang/client';
import { todayInShanghai } from '@taizhang/ledger';
import { useState } from 'react';
import { download, DOCX_TYPE } from './download';
import { explain, type Explained } from './explain';
import type { WebStrings, Lang } from './i18n';
import { Problem } from './Problem';

export interface NoticePanelProps {
  readonly s: WebStrings;
  readonly lang: Lang;
  readonly api: () => ApiClient;
  readonly role: string;
  readonly onSignedOut: () => void;
}

/** 通报 as the Word document an office sends: for coordinators and administrators. */
export function NoticePanel({ s, lang, api, role, onSignedOut }: NoticePanelProps) {
  const [date, setDate] = useState(todayInShanghai());
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<Explained>();

  const run = async () => {
    setBusy(true);
    setDone('');
    setProblem(undefined);
    try {
      // The docx library is loaded only now, never with the page.
      const { noticeDocxFile } = await import('@taizhang/client/docx');
      const r = await noticeDocxFile(api(), date, role);
      download(r.bytes, r.name, document, DOCX_TYPE);
      setDone(s.noticeDone(r.name, r.generated));
    } catch (e) {
      const ex = explain(e, s, lang);
      setProblem(ex);
      if (ex.signedOut) onSignedOut();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="tz-section" aria-labelledby="tz-notice-title">
      <h2 id="tz-notice-title">{s.noticeTitle}</h2>
      <Text as="p">{s.noticeHint}</Text>
      <div className="tz-filters">
        <Field label={s.noticeDate}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} disabled={busy} />
        </Field>
      </div>
      <div className="tz-actions">
        <Button appearance="primary" onClick={() => void run()} disabled={busy || date === ''} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? s.noticeMaking : s.noticeDownload}
        </Button>
      </div>
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {problem && <Problem s={s} problem={problem} />}
    </section>
  );
}
