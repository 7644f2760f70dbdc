// The notice (通报) as the Word document an office sends (docs/notice.md): the one layout of
// the ledger core (noticeLayout) — a centred title, the day and the period, 一、总体情况 as a
// paragraph and a table of the figures, then each numbered section as a heading and a
// table — in 仿宋/黑体 as official documents are set, on A4. Works in Node and in the browser:
// the bytes come back as a Uint8Array for a file or a download.

import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { noticeLayout, noticeText, type Notice, type NoticeColumn, type NoticeLang, type NoticeValue } from '@taizhang/ledger';

const BODY_FONT = '仿宋';
const HEADING_FONT = '黑体';
const TITLE_FONT = '方正小标宋简体';

const run = (text: string, o: { bold?: boolean; font?: string; size?: number } = {}) =>
  new TextRun({ text, bold: o.bold, font: o.font ?? BODY_FONT, size: o.size ?? 21 });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, o: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    borders,
    children: [
      new Paragraph({
        alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { bold: o.bold, size: 18 })],
      }),
    ],
  });
}

function table(columns: readonly NoticeColumn[], rows: readonly (readonly NoticeValue[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.label, { bold: true })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((v, i) => cell(noticeText(v, columns[i]!.kind), { right: columns[i]!.kind !== 'text' })),
          }),
      ),
    ],
  });
}

const heading = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [run(text, { font: HEADING_FONT, size: 28 })] });

const paragraph = (text: string, indent = true) =>
  new Paragraph({ spacing: { after: 120 }, indent: indent ? { firstLine: 640 } : undefined, children: [run(text, { size: 28 })] });

/** The .docx bytes of the notice in `lang` (Chinese, the document language, by default). */
export async function noticeDocx(n: Notice, options: { lang?: NoticeLang; shown?: number } = {}): Promise<Uint8Array> {
  const l = noticeLayout(n, { lang: options.lang ?? 'zh', shown: options.shown ?? 50 });
  const figures = table(
    [
      { label: l.lang === 'zh' ? '项目' : 'Figure', kind: 'text', width: 20 },
      { label: l.lang === 'zh' ? '数值' : 'Value', kind: 'count', width: 10 },
    ],
    l.figures.map((f) => [f.label, noticeText(f.value, f.kind)]),
  );
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(l.title, { font: TITLE_FONT, size: 40 })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(l.subtitle, { size: 28 })] }),
    heading(l.summaryTitle),
    paragraph(l.summary),
    figures,
  ];
  for (const s of l.sections) {
    body.push(heading(s.title));
    if (s.rows.length === 0) body.push(paragraph(l.none, false));
    else body.push(table(s.columns, s.rows));
    for (const note of s.notes) body.push(paragraph(note, false));
  }
  const doc = new Document({
    creator: 'taizhang',
    title: l.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
