// The notice as the Word document an office sends: written through the CLI's writer, read
// back (word/document.xml out of the zip) for the title, the day and period, the figures,
// the rankings of counties and departments, and the lists of overdue problems and of groups
// that did not report — in the one layout's order.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { buildNotice, noticeLayout, type SupervisedRow } from '@taizhang/ledger';
import { noticeDocx } from '@taizhang/client/docx';
import { writeNoticeDocx } from '../../../cli/src/xlsx/writeNotice';
import { tempDir } from '../cli/fixtures';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from './dataset';

/** The document's paragraphs as plain text, and its tables as rows of cell texts. */
async function readDocx(bytes: Uint8Array): Promise<{ paragraphs: string[]; tables: string[][][]; xml: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const unescapeXml = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const text = (x: string) => unescapeXml([...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => text(m[0])).filter((t) => t !== '');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0]))),
  );
  return { paragraphs, tables, xml };
}

describe('the notice as a Word document', () => {
  const notice = buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY);

  it('has the title, the day and period, the figures, the rankings and the lists, as the layout orders them', async () => {
    const { dir, cleanup } = tempDir();
    let bytes: Uint8Array;
    try {
      await writeNoticeDocx(`${dir}/notice.docx`, notice);
      bytes = readFileSync(`${dir}/notice.docx`);
    } finally {
      cleanup();
    }
    const { paragraphs, tables } = await readDocx(bytes);
    expect(paragraphs[0]).toBe('全市入企进村服务问题办理情况通报');
    expect(paragraphs[1]).toBe('截至 2022-06-01（报送情况统计期间：2022-05-25 至 2022-05-31）');
    expect(paragraphs).toContain('一、总体情况');
    expect(paragraphs.find((p) => p.startsWith('截至 2022-06-01，全市共梳理问题 9 个，已解决 3 个，解决率 33.3%'))).toBeDefined();
    const headings = noticeLayout(notice).sections.map((s) => s.title);
    expect(headings).toEqual([
      '二、县（区、市）超期问题排名',
      '三、县（区、市）问题解决率排名（由低到高）',
      '四、责任单位超期问题排名',
      '五、责任单位问题解决率排名（由低到高）',
      '六、责任单位超期问题清单',
      '七、未报送工作组（2022-05-25 至 2022-05-31）',
      '八、提交市级问题久无进展（14 天以上）',
      '九、超期问题清单',
    ]);
    expect(paragraphs.filter((p) => headings.includes(p))).toEqual(headings);

    const [figures, counties, , departments, , , silent, , overdue] = tables;
    expect(tables).toHaveLength(9);
    expect(figures).toContainEqual(['问题总数', '9']);
    expect(figures).toContainEqual(['解决率', '33.3%']);
    expect(figures).toContainEqual(['未报送工作组', '3']);
    expect(counties![0]).toEqual(['名次', '县（区、市）', '超期', '问题数', '已解决', '未解决', '解决率', '超期率', '提交市级', '久无进展']);
    expect(counties!.slice(1).map((r) => r[1])).toEqual(['榆次区', '介休市', '太谷区']);
    expect(counties![1]).toEqual(['1', '榆次区', '2', '4', '1', '3', '25.0%', '50.0%', '2', '1']);
    expect(departments!.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['1', '市工信局', '1'],
      ['2', '市农业农村局', '0'],
    ]);
    expect(silent!.slice(1).map((r) => r[1])).toEqual(['YC-03', 'TG-01', 'JX-02']);
    expect(overdue![0]).toContain('解决层级');
    expect(overdue!.slice(1).map((r) => [r[0], r[10]])).toEqual([
      ['P-140781-2022-000001', '62'],
      ['P-140702-2022-000002', '31'],
      ['P-140702-2022-000003', '1'],
    ]);
  });

  it('an empty notice says （无） under each section; a capped list says how many are left out', async () => {
    const empty = await readDocx(await noticeDocx(buildNotice(AS_OF, [], [], [])));
    expect(empty.tables).toHaveLength(1); // the figures only
    expect(empty.paragraphs.filter((p) => p === '（无）')).toHaveLength(8);
    const capped = await readDocx(await noticeDocx(notice, { shown: 1 }));
    expect(capped.paragraphs).toContain('（另有 2 项未列出）');
  });

  it('text a clerk typed stays text (escaped XML, no field or markup of its own)', async () => {
    const nasty = '<w:t>x</w:t>&"=HYPERLINK("http://x")';
    const rows: SupervisedRow[] = [
      {
        id: 'P-140702-2022-000100',
        updatedOn: '2022-03-01',
        values: {
          county: '榆次区',
          group: 'g',
          sector: 's',
          category: 'c',
          targetName: nasty,
          level: '协调解决',
          department: 'd',
          status: '办理中',
          deadline: '2022-05-01',
        },
      },
    ];
    const { tables, xml } = await readDocx(await noticeDocx(buildNotice(AS_OF, rows, [], [])));
    expect(tables.flat(2)).toContain(nasty);
    expect(xml).not.toContain('<w:t>x</w:t>&');
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText/);
  });

  it('English when asked, for an English Office', async () => {
    const { paragraphs } = await readDocx(await noticeDocx(notice, { lang: 'en' }));
    expect(paragraphs[0]).toContain('Notice on the problems found');
    expect(paragraphs).toContain('2. Counties ranked by overdue problems');
  });
});
