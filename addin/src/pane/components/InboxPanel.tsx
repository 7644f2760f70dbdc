import { Badge, Button, Text } from '@fluentui/react-components';
import { INBOX_REASON_NAMES, INBOX_REASONS, type DuplicateMatch, type InboxReason } from '@taizhang/ledger';
import type { InboxAnswer, Profile } from '@taizhang/client';
import type { Lang, Strings } from '../i18n';

export interface InboxPanelProps {
  readonly s: Strings;
  readonly lang: Lang;
  readonly profile?: Profile;
  readonly inbox?: InboxAnswer;
  /** The item last opened, with the 审核意见 its row shows. */
  readonly opened?: { readonly id: string; readonly review: string };
  readonly disabled: boolean;
  readonly onRefresh: () => void;
  readonly onOpen: (id: string) => void;
  /** A possible_duplicate item opens the comparison with the problem it likely repeats. */
  readonly onCompare: (id: string, of: string, match: DuplicateMatch) => void;
}

/** 待办: what awaits the account, counted by reason, each item opening its row in the sheet. */
export function InboxPanel({ s, lang, profile, inbox, opened, disabled, onRefresh, onOpen, onCompare }: InboxPanelProps) {
  const own: readonly InboxReason[] = profile ? INBOX_REASONS[profile.role] : [];
  // Reasons the answer counts beyond the role's usual ones (疑似重复 for coordinators) are shown too.
  const reasons: readonly InboxReason[] = [
    ...own,
    ...(Object.keys(inbox?.counts ?? {}) as InboxReason[]).filter((r) => !own.includes(r) && INBOX_REASON_NAMES[r]),
  ];
  const name = (r: InboxReason) => INBOX_REASON_NAMES[r][lang];
  const items = inbox?.items ?? [];
  const shown = items.length;
  const total = reasons.reduce((n, r) => n + (inbox?.counts[r] ?? 0), 0);
  const openedReview = opened && opened.review !== '' && !items.some((i) => i.id === opened.id && i.review) ? opened : undefined;
  return (
    <section className="tz-inbox" aria-label={s.inboxTitle}>
      <div className="tz-inbox-head">
        <h2>{s.inboxTitle}</h2>
        <Button size="small" onClick={onRefresh} disabled={disabled}>
          {s.inboxRefresh}
        </Button>
      </div>
      {inbox && (
        <ul className="tz-inbox-counts" aria-label={s.inboxTitle}>
          {reasons.map((r) => (
            <li key={r} data-reason={r}>
              <Text>{name(r)}</Text>{' '}
              <Badge appearance={inbox.counts[r] ? 'filled' : 'ghost'} color={r === 'overdue' || r === 'returned' ? 'danger' : 'brand'}>
                {inbox.counts[r] ?? 0}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {inbox && total === 0 && <Text size={200}>{s.inboxEmpty}</Text>}
      {items.length > 0 && (
        <ol className="tz-inbox-items">
          {items.map((i) => (
            <li key={`${i.reason}-${i.id}`} data-reason={i.reason}>
              <Button appearance="subtle" size="small" disabled={disabled} onClick={() => onOpen(i.id)} title={s.inboxOpen(i.id)}>
                {i.targetName || i.id}
              </Button>
              <div className="tz-inbox-meta">
                <Badge appearance="tint" size="small">
                  {name(i.reason)}
                </Badge>{' '}
                <Text size={200}>
                  {i.id}
                  {i.deadline ? ` · ${s.inboxDeadline(i.deadline)}` : ''}
                </Text>
              </div>
              <Text size={200} className="tz-inbox-desc">
                {i.description}
              </Text>
              {i.reason === 'possible_duplicate' &&
                (i.duplicates ?? []).map((m) => (
                  <div key={m.id}>
                    <Text size={200}>{s.duplicateLine(m.group, m.county, m.id, Math.round(m.similarity * 100))}</Text>{' '}
                    <Button size="small" disabled={disabled} aria-label={s.compareOpenOf(i.id, m.id)} onClick={() => onCompare(i.id, m.id, m)}>
                      {s.compareOpen}
                    </Button>
                  </div>
                ))}
              {i.review && (i.reason === 'returned' || opened?.id === i.id) && (
                <div className="tz-review" role="note" aria-label={s.reviewOf(i.id).replace(/[:：]\s*$/, '')}>
                  <Text weight="semibold" size={200}>
                    {s.review}
                  </Text>
                  <Text size={200}>{i.review}</Text>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {inbox && shown < total && <Text size={200}>{s.inboxMore(shown, total)}</Text>}
      {openedReview && (
        <div className="tz-review" role="note" aria-label={s.reviewOf(openedReview.id).replace(/[:：]\s*$/, '')}>
          <Text weight="semibold" size={200}>
            {s.reviewOf(openedReview.id)}
          </Text>
          <Text size={200}>{openedReview.review}</Text>
        </div>
      )}
    </section>
  );
}
