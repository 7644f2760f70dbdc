// A text cell holding half of a surrogate pair (pasted from a broken source, or sent by a
// client): no character at all, and Firestore refuses to store it, so the ledger core calls
// it unreadable instead of passing it on (found by tests/emulator/adversarial-fuzz).
import { getLedger, parseRow } from '@taizhang/ledger';

const problems = getLedger('problems');

describe('text cells with unpaired surrogates', () => {
  it.each([
    'a\ud800b',
    '\udc00',
    `${'测'.repeat(50)}\ud83d`,
    '\udc00\ud800',
    `${'𠮷'.repeat(260)}\ud800`,
    `\udc00${'𠮷'.repeat(260)}`,
    `${'𠮷'.repeat(130)}\udc00\ud800${'𠮷'.repeat(130)}`,
  ])('%j is a type error with a clear message', (text) => {
    const { values, errors } = parseRow(problems, { targetName: text, remarks: text });
    expect(values.targetName).toBeUndefined();
    const e = errors.find((x) => x.field === 'targetName')!;
    expect(e.code).toBe('type');
    expect(e.zh).toBe('「服务对象」含有残缺的字符（多为复制粘贴造成），请删除后重新输入');
    expect(e.en).toMatch(/contains a broken character/);
    expect(errors.some((x) => x.field === 'remarks' && x.code === 'type')).toBe(true);
  });

  it('whole pairs (emoji, rare CJK) are characters as before', () => {
    const { values, errors } = parseRow(problems, { targetName: '😀𠮷公司', remarks: '👍' });
    expect(values).toMatchObject({ targetName: '😀𠮷公司', remarks: '👍' });
    expect(errors.filter((x) => x.field === 'targetName' || x.field === 'remarks')).toEqual([]);
  });
});

describe('error messages quoting a raw value', () => {
  it('show an unpaired surrogate as U+FFFD, so the stored answer of a push stays storable', () => {
    const { errors } = parseRow(problems, { county: '\udfff', status: 'x\ud800', foundOn: '\ud800' });
    for (const e of errors) expect(e.message).not.toMatch(/\p{Cs}/u);
    expect(errors.find((e) => e.field === 'county')!.en).toContain('"\ufffd"');
    expect(errors.find((e) => e.field === 'status')!.en).toContain('"x\ufffd"');
  });
});
