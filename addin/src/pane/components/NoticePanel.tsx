import { Button, Field, Input, Link } from '@fluentui/react-components';
import { EARLIEST_DATE } from '@taizhang/ledger';
import type { Strings } from '../i18n';

export interface NoticePanelProps {
  readonly s: Strings;
  /** YYYY-MM-DD; the pane passes today in Asia/Shanghai until one is chosen. */
  readonly date: string;
  readonly disabled: boolean;
  readonly onDate: (date: string) => void;
  readonly onNoticeSheets: () => void;
}

/** The web page served beside the pane (web.html in the same folder). */
function webPageUrl(): string {
  return new URL('web.html', globalThis.location?.href ?? 'https://localhost/').href;
}

/** 通报 sheets of a day: shown to coordinators and administrators only. */
export function NoticePanel({ s, date, disabled, onDate, onNoticeSheets }: NoticePanelProps) {
  // The server refuses a day before the ledgers begin as well; the pane does not offer one.
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= EARLIEST_DATE;
  return (
    <section className="tz-notice" aria-label={s.noticeTitle}>
      <h3>{s.noticeTitle}</h3>
      <Field label={s.noticeDate} hint={s.noticeHint}>
        <Input type="date" value={date} min={EARLIEST_DATE} disabled={disabled} onChange={(_, d) => onDate(d.value)} />
      </Field>
      <Button onClick={onNoticeSheets} disabled={disabled || !valid}>
        {s.noticeSheets}
      </Button>
      {/* The Word document is made on the web page beside the pane: the pane stays small, and a pane cannot always save a file. */}
      <Link href={webPageUrl()} target="_blank" rel="noopener">
        {s.noticeDocument}
      </Link>
    </section>
  );
}
