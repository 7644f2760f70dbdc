import { Button, Field, Input, Spinner, Text } from '@fluentui/react-components';
import type { ApiClient } from '@taizhang/client';
import { todayInShanghai } from '@taizhang/ledger';
import { useState } from 'react';
import { download, DOCX_TYPE } from './download';
import type { WebStrings, Lang } from './i18n';
import { useDownload } from './useDownload';

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
  const { busy, run, outcome } = useDownload(s, lang, onSignedOut);

  const make = async (): Promise<string> => {
    // The docx library is loaded only now, never with the page.
    const { noticeDocxFile } = await import('@taizhang/client/docx');
    const r = await noticeDocxFile(api(), date, role);
    download(r.bytes, r.name, document, DOCX_TYPE);
    return s.noticeDone(r.name, r.generated);
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
        <Button appearance="primary" onClick={() => void run(make)} disabled={busy || date === ''} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? s.noticeMaking : s.noticeDownload}
        </Button>
      </div>
      {outcome}
    </section>
  );
}
