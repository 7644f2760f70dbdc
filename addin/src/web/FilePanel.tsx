import { Button, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { rowKeyMaker, troubleRows, type ApiClient, type Conflict, type Profile, type PushReport, type PushTally } from '@taizhang/client';
import { todayInShanghai, withField } from '@taizhang/ledger';
import { useState, type DragEvent } from 'react';
import type { Choice } from '../engine';
import { Conflicts } from '../pane/components/Conflicts';
import { download } from './download';
import { explain, type Explained } from './explain';
import type { Lang, WebStrings } from './i18n';
import { LedgerFile } from './ledgerFile';
import { Problem } from './Problem';

/** Errors listed on the page; the rest are counted (the clerk fixes these first). */
const ERRORS_SHOWN = 200;

export interface FilePanelProps {
  readonly s: WebStrings;
  readonly lang: Lang;
  readonly api: () => ApiClient;
  readonly profile: Profile | undefined;
  readonly onSignedOut: () => void;
}

type Busy = 'read' | 'push' | 'settle' | undefined;

interface Pushed {
  readonly report: PushReport;
  readonly tally: PushTally;
}

export function FilePanel({ s, lang, api, profile, onSignedOut }: FilePanelProps) {
  const [file, setFile] = useState<LedgerFile>();
  const [busy, setBusy] = useState<Busy>();
  const [reading, setReading] = useState('');
  const [problem, setProblem] = useState<Explained>();
  const [pushed, setPushed] = useState<Pushed>();
  const [conflicts, setConflicts] = useState<readonly Conflict[]>([]);
  const [decisions, setDecisions] = useState<Record<string, Choice>>({});
  const [settledText, setSettledText] = useState('');
  const pick = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);

  const fail = (e: unknown) => {
    const ex = explain(e, s, lang);
    setProblem(ex);
    if (ex.signedOut) onSignedOut();
  };

  const choose = async (f: File | undefined) => {
    if (!f) return;
    setProblem(undefined);
    setPushed(undefined);
    setConflicts([]);
    setSettledText('');
    setFile(undefined);
    if (!/\.xlsx$/i.test(f.name)) {
      setProblem({ what: s.notXlsx(f.name), todo: '' });
      return;
    }
    setBusy('read');
    setReading(f.name);
    try {
      const opened = await LedgerFile.open(await f.arrayBuffer(), f.name, {
        today: todayInShanghai(),
        newKey: rowKeyMaker(),
        ...(profile && { profile: { ...(profile.county && { county: profile.county }), ...(profile.group && { group: profile.group }) } }),
      });
      setFile(opened);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };

  const push = async () => {
    if (!file) return;
    setBusy('push');
    setProblem(undefined);
    setSettledText('');
    try {
      const r = await file.push(api());
      setPushed(r);
      setConflicts(r.tally.conflicts);
      setDecisions({});
      if (r.tally.error) fail(r.tally.error);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };

  const settle = async () => {
    if (!file) return;
    setBusy('settle');
    setProblem(undefined);
    try {
      const r = await file.settle(api(), conflicts, (c) => {
        const d = decisions[c.key];
        return d === 'keepMine' || d === 'takeTheirs' ? d : undefined;
      });
      const still = [...r.open, ...r.tally.conflicts.filter((c) => !r.open.some((o) => o.key === c.key))];
      setConflicts(still);
      setDecisions({});
      setSettledText(s.settled(r.settlement.keptMine.length, r.settlement.tookTheirs.length, still.length));
      if (r.tally.error) fail(r.tally.error);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };

  const save = async () => {
    if (!file) return;
    try {
      download(await file.bytes(), file.downloadName);
    } catch (e) {
      fail(e);
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    if (!busy) void choose(e.dataTransfer.files[0]);
  };

  const plan = file?.plan;
  const report = plan?.report;
  const errorCount = report?.errors.length ?? 0;
  const trouble = pushed ? troubleRows(pushed.report) : 0;
  const counts = pushed
    ? Object.entries(pushed.report.counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${s.statuses[k] ?? k} ${n}`)
        .join(lang === 'en' ? ', ' : '，')
    : '';

  return (
    <section className="tz-section" aria-labelledby="tz-file-title">
      <h2 id="tz-file-title">{s.fileTitle}</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer shortcut; the file field inside is the way for keyboards and screen readers */}
      <div className="tz-drop" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <Text as="p">{s.dropHere}</Text>
        {/* The browser's own file field, hidden but focusable; its label is the button the clerk sees (in the page's language). */}
        <input
          id="tz-file"
          className="tz-file-input"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy !== undefined}
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <label htmlFor="tz-file" className="tz-file-button" aria-disabled={busy !== undefined}>
          {s.chooseFile}
        </label>
      </div>
      {busy === 'read' && <Spinner size="small" label={s.reading(reading)} />}
      {problem && <Problem s={s} problem={problem} />}
      {file && plan && report && (
        <>
          <Text as="p" className="tz-file-summary">
            {s.fileSummary(file.name, plan.sheet, s.ledgers[plan.cols.ledger.name] ?? plan.cols.ledger.title)}
          </Text>
          <MessageBar intent={errorCount > 0 ? 'warning' : 'success'} layout="multiline">
            <MessageBarBody>
              {s.checked(report.rows, report.valid, report.rows - report.valid, plan.outgoing.length)}
              {plan.outgoing.length === 0 && ` ${s.nothingToPush}`}
            </MessageBarBody>
          </MessageBar>
          {report.warnings.length > 0 && (
            <section aria-labelledby="tz-notes-title">
              <h3 id="tz-notes-title">{s.notesTitle}</h3>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>{pick(w)}</li>
                ))}
              </ul>
            </section>
          )}
          {errorCount > 0 && (
            <section className="tz-errors" aria-labelledby="tz-errors-title">
              <h3 id="tz-errors-title">{s.errorsTitle(report.rows - report.valid)}</h3>
              <p>{s.errorsHint}</p>
              <table>
                <caption className="tz-visually-hidden">{s.errorsTable}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s.colRow}</th>
                    <th scope="col">{s.colCell}</th>
                    <th scope="col">{s.colField}</th>
                    <th scope="col">{s.colProblem}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                    <tr key={i}>
                      <td>{e.row}</td>
                      <td>{e.cell ?? ''}</td>
                      <td>{e.header}</td>
                      <td>{pick(e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {errorCount > ERRORS_SHOWN && <p>{s.moreErrors(errorCount - ERRORS_SHOWN)}</p>}
            </section>
          )}
          <div className="tz-actions">
            <Button
              appearance="primary"
              onClick={() => void push()}
              disabled={busy !== undefined || plan.outgoing.length === 0}
              icon={busy === 'push' ? <Spinner size="tiny" /> : undefined}
            >
              {busy === 'push' ? s.pushing : s.push}
            </Button>
            {pushed && (
              <Button onClick={() => void save()} disabled={busy !== undefined}>
                {s.download}
              </Button>
            )}
          </div>
          {pushed && (
            <MessageBar intent={trouble === 0 && !pushed.tally.error ? 'success' : 'warning'} layout="multiline" role="status">
              <MessageBarBody>
                {s.pushed(pushed.tally.sent, counts)} {pushed.tally.error ? s.pushBroke : trouble === 0 ? s.pushedClean : s.pushedTrouble(trouble)}
              </MessageBarBody>
            </MessageBar>
          )}
          {pushed && (
            <Text as="p" size={200}>
              {s.downloadHint}
            </Text>
          )}
          {pushed && pushed.tally.forbidden.length > 0 && (
            <RowList title={s.forbiddenTitle(pushed.tally.forbidden.length)} lines={pushed.tally.forbidden.map((f) => s.rowLine(f.row, f.message))} />
          )}
          {pushed && pushed.tally.serverInvalid.length > 0 && (
            <RowList
              title={s.rejectedTitle(pushed.tally.serverInvalid.length)}
              lines={pushed.tally.serverInvalid.flatMap((r) => r.errors.map((e) => s.rowLine(r.row, withField(e.header, pick(e)))))}
            />
          )}
          {pushed && pushed.tally.notFound.length > 0 && (
            <RowList title={s.goneTitle(pushed.tally.notFound.length)} lines={pushed.tally.notFound.map((n) => s.rowLine(n.row, n.id))} />
          )}
          {settledText && (
            <MessageBar intent={conflicts.length > 0 ? 'warning' : 'success'} role="status">
              <MessageBarBody>{settledText}</MessageBarBody>
            </MessageBar>
          )}
          <Conflicts
            s={s}
            lang={lang}
            conflicts={conflicts}
            decisions={decisions}
            disabled={busy !== undefined}
            onDecide={(key, d) => setDecisions((x) => ({ ...x, [key]: d }))}
            onApply={() => void settle()}
          />
        </>
      )}
    </section>
  );
}

function RowList({ title, lines }: { readonly title: string; readonly lines: readonly string[] }) {
  return (
    <section>
      <h3>{title}</h3>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </section>
  );
}
