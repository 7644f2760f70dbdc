import { Divider, Spinner } from '@fluentui/react-components';
import { todayInShanghai } from '@taizhang/ledger';
import type { Lang, Strings } from '../i18n';
import type { PaneActions, PaneState } from '../store';
import { Actions } from './Actions';
import { Conflicts } from './Conflicts';
import { ErrorList } from './ErrorList';
import { InboxPanel } from './InboxPanel';
import { LedgerPicker } from './LedgerPicker';
import { NoticePanel } from './NoticePanel';
import { ErrorBox, Notices } from './Messages';
import { ProfileBar } from './ProfileBar';
import { Progress } from './Progress';
import { PullPanel } from './PullPanel';
import { SignIn } from './SignIn';
import { SummaryPanel } from './SummaryPanel';

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
    return <main className="tz-pane"><Spinner label={s.loading} /></main>;
  }
  if (state.auth !== 'signedIn') {
    return (
      <main className="tz-pane" lang={lang === 'en' ? 'en-US' : 'zh-CN'}>
        <h1>{s.appTitle}</h1>
        {error}
        <SignIn s={s} busy={state.auth === 'signingIn'} emulator={emulator} onSignIn={(e, p) => void actions.signIn(e, p)} />
      </main>
    );
  }
  const busy = state.busy !== undefined;
  const departmentName = state.departments?.find((d) => d.id === state.profile?.department)?.name;
  return (
    <main className="tz-pane" lang={lang === 'en' ? 'en-US' : 'zh-CN'}>
      <h1>{s.appTitle}</h1>
      <ProfileBar s={s} {...(state.email && { email: state.email })}
        {...(departmentName !== undefined && { departmentName })} {...(state.profile && { profile: state.profile })} disabled={busy} onSignOut={() => void actions.signOut()} />
      <Divider />
      <InboxPanel s={s} lang={lang} {...(state.profile && { profile: state.profile })} {...(state.inbox && { inbox: state.inbox })}
        {...(state.opened && { opened: state.opened })} disabled={busy || state.inboxLoading === true}
        onRefresh={() => void actions.refreshInbox()} onOpen={(id) => void actions.openItem(id)} />
      <Divider />
      <LedgerPicker s={s} ledger={state.ledger} disabled={busy} onChange={actions.setLedger} />
      <Actions s={s} disabled={busy} actions={actions} />
      {state.busy && <Progress s={s} busy={state.busy} onCancel={actions.cancel} />}
      {error}
      <Notices s={s} notices={state.notices} />
      <Conflicts s={s} lang={lang} conflicts={state.conflicts} decisions={state.decisions} disabled={busy}
        onDecide={actions.decide} onApply={() => void actions.applyDecisions()} />
      <ErrorList s={s} lang={lang} rows={state.rowErrors} onGoTo={(a) => void actions.goTo(a)} />
      <Divider />
      <PullPanel s={s} ledger={state.ledger} filter={state.pullFilter} full={state.pullFull} disabled={busy}
        onFilter={actions.setPullFilter} onFull={actions.setPullFull} onPull={() => void actions.pull()} />
      <Divider />
      <SummaryPanel s={s} ledger={state.ledger} groupBy={state.groupBy} disabled={busy}
        onGroupBy={actions.setGroupBy} onSummary={() => void actions.summary()} />
      {(state.profile?.role === 'coordinator' || state.profile?.role === 'admin') && (
        <>
          <Divider />
          <NoticePanel s={s} date={state.noticeDate ?? todayInShanghai()} disabled={busy}
            onDate={actions.setNoticeDate} onNoticeSheets={() => void actions.noticeSheets()} />
        </>
      )}
    </main>
  );
}
