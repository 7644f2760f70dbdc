// Issue 16, finding 8: what clerks type lands in the Markdown notice a coordinator pastes
// into a chat or a document. It must stay text there: no link, no image, no HTML tag, no
// emphasis or heading made of it, and the table keeps its columns.
import { buildNotice, noticeMarkdown } from '@taizhang/ledger';
import { AS_OF, ROWS } from '../supervision/dataset';

const HOSTILE = [
  '[登录](https://evil.example/login)',
  '![x](https://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '**加粗** _斜体_ `代码` ~~删除~~',
  '# 标题',
  '<https://evil.example>',
  'a\\|b',
  '&lt;img&gt;',
];

function noticeWith(name: string): string {
  const rows = ROWS.map((r) => ({ ...r, values: { ...r.values, targetName: name, department: name } }));
  return noticeMarkdown(buildNotice(AS_OF, rows, [], []));
}

/** The table rows that carry the hostile text (section 八 lists the overdue problems). */
function dataLines(md: string): string[] {
  return md.split('\n').filter((l) => l.startsWith('| P-'));
}

describe('finding 8: clerk-typed text in the Markdown notice stays text', () => {
  it.each(HOSTILE)('finding 8: %s becomes no link, image, tag or emphasis', (name) => {
    const md = noticeWith(name);
    const lines = dataLines(md);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      // A live link or image needs an unescaped `](`; a tag an unescaped `<`.
      expect(line).not.toMatch(/(^|[^\\])\]\(/);
      expect(line).not.toMatch(/(^|[^\\])</);
      expect(line).not.toMatch(/(^|[^\\])[*_`~]/);
      // As many columns as the tables of escalations (11) or overdue problems (11): no cell broke out.
      expect([13]).toContain(line.replace(/\\\|/g, '').split('|').length);
    }
    // Nothing typed by a clerk starts a heading of its own.
    expect(
      md
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .every((l) => /^#{1,2} [一二三四五六七八九全榆介太祁]/.test(l)),
    ).toBe(true);
  });

  it('finding 8: escaping keeps the text readable once rendered (the characters are all still there)', () => {
    const md = noticeWith('[登录](https://evil.example/login)');
    const cell = dataLines(md)[0]!;
    expect(cell.replace(/\\(.)/g, '$1')).toContain('[登录](https://evil.example/login)');
  });
});
