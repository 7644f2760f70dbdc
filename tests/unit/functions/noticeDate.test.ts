// Which day a notice request may name (functions/src/supervision/access.ts): a real day, from
// the ledgers' first day to today in Asia/Shanghai, each refusal with its reason in both languages.
import { EARLIEST_DATE } from '@taizhang/ledger';
import { noticeDate } from '../../../functions/src/supervision/access';

const TODAY = '2026-11-28';

function refusal(date: string): { code?: string; message?: string } {
  try {
    noticeDate(date, TODAY);
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  throw new Error(`${date} was accepted`);
}

describe('noticeDate', () => {
  it.each([EARLIEST_DATE, '2022-03-24', TODAY])('accepts %s', (date) => {
    expect(noticeDate(date, TODAY)).toBe(date);
  });

  it.each(['1999-12-31', '1900-01-01', '0001-01-01'])('refuses %s, before the ledgers begin', (date) => {
    const e = refusal(date);
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toContain(`日期 ${date} 早于 ${EARLIEST_DATE}`);
    expect(e.message).toContain(`The date ${date} is before ${EARLIEST_DATE}`);
  });

  it('refuses a day after today', () => {
    const e = refusal('2026-11-29');
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toContain('after today (2026-11-28)');
  });

  it.each(['2022-02-30', '2022-3-24', 'yesterday', ''])('refuses %j, which is no canonical day', (date) => {
    expect(refusal(date).code).toBe('invalid-argument');
  });
});
