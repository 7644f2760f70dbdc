import { Spinner, Tab, TabList } from '@fluentui/react-components';
import { todayInShanghai } from '@taizhang/ledger';
import type { Lang, Strings } from '../i18n';
import { viewsOf, type PaneActions, type PaneState, type ViewName } from '../store';
import { AccountMenu } from './AccountMenu';
import { Actions } from './Actions';
import { CompareView } from './CompareView';
import { Conflicts } from './Conflicts';
import { DuplicateList } from './DuplicateList';
import { ErrorList } from './ErrorList';
import { InboxPanel } from './InboxPanel';
import { LedgerPicker } from './LedgerPicker';
import { NoticePanel } from './NoticePanel';
import { ErrorBox, Notices } from './Messages';
import { Progress } from './Progress';
import { PullPanel } from './PullPanel';
import { SignIn } from './SignIn';
import { SummaryPanel } from './SummaryPanel';
import { TargetSearch } from './TargetSearch';
import { WarningList } from './WarningList';

export interface PaneViewProps {
  readonly state: PaneState;
  readonly actions: PaneActions;
  readonly s: Strings;
  readonly lang: Lang;
  readonly emulator: boolean;
}

/** The whole pane for a given state: pure, so every state can be rendered in a test. */
export function PaneView({ state, actions, s, lang, emulator }: PaneViewProps) {
  const error = state.error !== undefined && (
    <ErrorBox s={s} lang={lang} error={state.error} onDismiss={actions.dismissError} onSignOut={() => void actions.signOut()} />
  );
  if (state.auth === 'starting') {
    return (
      <main className="tz-pane">
        <Spinner label={s.loading} />
      </main>
    );
  }
  if (state.auth !== 'signedIn') {
    return (
      <main className="tz-pane" lang={lang === 'en' ? 'en-US' : 'zh-CN'}>
        <h1>{s.appTitle}</h1>
        {error}
        <SignIn s={s} busy={state.auth === 'signingIn'} note={emulator ? s.emulatorNote : undefined} onSignIn={(e, p) => void actions.signIn(e, p)} />
      </main>
    );
  }
  const busy = state.busy !== undefined;
  const departmentName = state.departments?.find((d) => d.id === state.profile?.department)?.name;
  const views = viewsOf(state.profile?.role);
  const view: ViewName = views.includes(state.view) ? state.view : 'inbox';
  return (
    <main className="tz-pane" lang={lang === 'en' ? 'en-US' : 'zh-CN'}>
      <header className="tz-pane-header">
        <h1>{s.appTitle}</h1>
        <AccountMenu
          s={s}
          {...(state.email && { email: state.email })}
          {...(departmentName !== undefined && { departmentName })}
          {...(state.profile && { profile: state.profile })}
          disabled={busy}
          onSignOut={() => void actions.signOut()}
        />
      </header>
      <nav className="tz-nav" aria-label={s.navLabel}>
        <TabList size="small" selectedValue={view} onTabSelect={(_, d) => actions.setView(d.value as ViewName)}>
          {views.map((v) => (
            <Tab key={v} value={v} id={`tz-tab-${v}`}>
              {s.views[v]}
            </Tab>
          ))}
        </TabList>
      </nav>
      {state.busy && <Progress s={s} busy={state.busy} onCancel={actions.cancel} />}
      {error}
      <Notices s={s} notices={state.notices} />
      <section className="tz-view" aria-labelledby={`tz-tab-${view}`}>
        {state.compare ? (
          <CompareView
            s={s}
            lang={lang}
            compare={state.compare}
            disabled={busy}
            mayDecide={state.profile?.role === 'coordinator' || state.profile?.role === 'admin'}
            onLink={() => void actions.linkDuplicate()}
            onDismiss={() => void actions.dismissDuplicate()}
            onBack={actions.closeCompare}
          />
        ) : (
          <View view={view} state={state} actions={actions} s={s} lang={lang} busy={busy} />
        )}
      </section>
    </main>
  );
}

function View({ view, state, actions, s, lang, busy }: { view: ViewName; state: PaneState; actions: PaneActions; s: Strings; lang: Lang; busy: boolean }) {
  const ledgerPicker = <LedgerPicker s={s} ledger={state.ledger} disabled={busy} onChange={actions.setLedger} />;
  switch (view) {
    case 'inbox':
      return (
        <InboxPanel
          s={s}
          lang={lang}
          {...(state.profile && { profile: state.profile })}
          {...(state.inbox && { inbox: state.inbox })}
          {...(state.opened && { opened: state.opened })}
          disabled={busy || state.inboxLoading === true}
          onRefresh={() => void actions.refreshInbox()}
          onOpen={(id) => void actions.openItem(id)}
          onCompare={(id, of, m) => void actions.openCompare(id, of, m)}
        />
      );
    case 'entry':
      return (
        <>
          {ledgerPicker}
          <Actions s={s} disabled={busy} actions={actions} />
          <Conflicts
            s={s}
            lang={lang}
            conflicts={state.conflicts}
            decisions={state.decisions}
            disabled={busy}
            onDecide={actions.decide}
            onApply={() => void actions.applyDecisions()}
          />
          <ErrorList s={s} lang={lang} rows={state.rowErrors} onGoTo={(a) => void actions.goTo(a)} />
          <WarningList s={s} lang={lang} rows={state.warnings} onGoTo={(a) => void actions.goTo(a)} />
          <DuplicateList s={s} duplicates={state.duplicates} disabled={busy} onCompare={(id, of, m) => void actions.openCompare(id, of, m)} />
          {state.profile?.role !== 'department' && (
            <TargetSearch
              s={s}
              targetType={state.targetType}
              disabled={busy}
              {...(state.targetMatches && { matches: state.targetMatches })}
              {...(state.registrySize !== undefined && { registrySize: state.registrySize })}
              onTargetType={actions.setTargetType}
              onSearch={(q) => void actions.searchTargets(q)}
              onFill={(m) => void actions.fillTarget(m)}
            />
          )}
        </>
      );
    case 'list':
      return (
        <>
          {ledgerPicker}
          <PullPanel
            s={s}
            ledger={state.ledger}
            filter={state.pullFilter}
            overdueOnly={state.overdueOnly}
            full={state.pullFull}
            departments={(state.departments ?? []).filter((d) => d.active).map((d) => d.name)}
            disabled={busy}
            onFilter={actions.setPullFilter}
            onOverdueOnly={actions.setOverdueOnly}
            onFull={actions.setPullFull}
            onPull={() => void actions.pull()}
          />
        </>
      );
    case 'stats':
      return (
        <>
          {ledgerPicker}
          <SummaryPanel
            s={s}
            ledger={state.ledger}
            groupBy={state.groupBy}
            disabled={busy}
            onGroupBy={actions.setGroupBy}
            onSummary={() => void actions.summary()}
          />
        </>
      );
    case 'notice':
      return (
        <NoticePanel
          s={s}
          date={state.noticeDate ?? todayInShanghai()}
          disabled={busy}
          onDate={actions.setNoticeDate}
          onNoticeSheets={() => void actions.noticeSheets()}
        />
      );
  }
}
