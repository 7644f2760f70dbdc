// The date helpers the add-in and the CLI also call directly: Excel serials both ways, text.

import { addDays, daysBetween, dateToSerial, parseDateText, serialToDate, shanghaiDate, todayInShanghai } from '@taizhang/ledger';

describe('serialToDate, 1900 system', () => {
  test.each<[number, string | undefined]>([
    [1, '1900-01-01'],
    [1.5, '1900-01-01'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    [60, undefined], // Lotus's 1900-02-29, which never was
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [44644, '2022-03-24'],
    [44644.9999, '2022-03-24'],
    [2958465, '9999-12-31'],
    [2958466, undefined],
    [0, undefined],
    [0.99, undefined],
    [-1, undefined],
    [-0.5, undefined],
    [NaN, undefined],
    [Infinity, undefined],
  ])('%p → %s', (serial, date) => {
    expect(serialToDate(serial)).toEqual(date === undefined ? { ok: false } : { ok: true, value: date });
  });
});

describe('serialToDate, 1904 system', () => {
  test.each<[number, string | undefined]>([
    [0, '1904-01-01'],
    [-0, '1904-01-01'],
    [0.75, '1904-01-01'],
    [59, '1904-02-29'],
    [43182, '2022-03-24'],
    [2957003, '9999-12-31'],
    [2957004, undefined],
    [-1, undefined],
    [NaN, undefined],
  ])('%p → %s', (serial, date) => {
    expect(serialToDate(serial, true)).toEqual(date === undefined ? { ok: false } : { ok: true, value: date });
  });
});

describe('dateToSerial', () => {
  test.each<[string, boolean, number]>([
    ['1900-01-01', false, 1],
    ['1900-02-28', false, 59],
    ['1900-03-01', false, 61],
    ['2022-03-24', false, 44644],
    ['9999-12-31', false, 2958465],
    ['1904-01-01', true, 0],
    ['2022-03-24', true, 43182],
  ])('%s (1904: %s) → %i', (date, date1904, serial) => {
    expect(dateToSerial(date, date1904)).toBe(serial);
    expect(serialToDate(serial, date1904)).toEqual({ ok: true, value: date });
  });
});

describe('parseDateText (text already half-width and trimmed)', () => {
  test.each<[string, string | undefined]>([
    ['2022-03-24', '2022-03-24'],
    ['2022-3-4', '2022-03-04'],
    ['2022/3/24', '2022-03-24'],
    ['2022.3.24', '2022-03-24'],
    ['2022年3月24日', '2022-03-24'],
    ['2022年 3 月 24 日', '2022-03-24'],
    ['20220324', '2022-03-24'],
    ['2022-03-24T12:00:00Z', '2022-03-24'],
    ['2022-03-24T16:00:00Z', '2022-03-25'],
    ['2022-03-24T16:00:00+08:00', '2022-03-24'],
    ['2022-03-24T23:59:59.999+08:00', '2022-03-24'],
    ['2022-03-24 23:59', '2022-03-24'],
    ['2022-02-30', undefined],
    ['2022-3-24 24:00', undefined],
    ['2022-03-24T23:59:60Z', undefined],
    ['2022-03-24T10:00:00+08:60', undefined],
    ['2022-03-24x', undefined],
    ['', undefined],
  ])('%p → %s', (text, date) => {
    expect(parseDateText(text)).toEqual(date === undefined ? { ok: false } : { ok: true, value: date });
  });
});

describe('days in Shanghai', () => {
  test('shanghaiDate is the calendar day at UTC+8', () => {
    expect(shanghaiDate(Date.parse('2022-03-24T15:59:59Z'))).toBe('2022-03-24');
    expect(shanghaiDate(Date.parse('2022-03-24T16:00:00Z'))).toBe('2022-03-25');
  });

  test('todayInShanghai reads the clock it is given', () => {
    expect(todayInShanghai(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
  });

  test.each<[string, number, string]>([
    ['2022-02-28', 1, '2022-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2022-03-24', -24, '2022-02-28'],
    ['2022-12-31', 1, '2023-01-01'],
  ])('addDays(%s, %i) = %s, and daysBetween agrees', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });
});
