// `taizhang notice --date YYYY-MM-DD [--docx notice.docx] [--out notice.xlsx] [--markdown notice.md]`:
// the notice (通报) of a day, in the one layout of the ledger core, as the Word document an
// office sends, as a workbook (sheets 通报 and 超期问题) and as Markdown text. Reads the stored notice through firebase-admin (the emulators for demo-…
// projects, a real project with credentials), or computes it when none is stored.

import { writeFile } from 'node:fs/promises';
import { getFirestore } from 'firebase-admin/firestore';
import { COUNTY_LABELS, noticeMarkdown, parseDateText } from '@taizhang/ledger';
import { CliError, type RegisterCommand } from '../context';
import { adminApp } from '../firebase/adminApp';
import { DEFAULT_PROJECT } from '../firebase/project';
import { fetchNotice } from '../notice/fetch';
import { writeNoticeDocx, writeNoticeXlsx } from '../xlsx/writeNotice';

interface Options {
  date: string;
  out?: string;
  docx?: string;
  markdown?: string;
  county?: string;
  fresh?: boolean;
  project?: string;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('notice')
    .description('生成某日的通报（Word 文档、Excel 工作簿、Markdown 文本）/ write the notice of a day (.docx, .xlsx, Markdown)')
    .requiredOption('--date <YYYY-MM-DD>', '通报日期（截至该日）/ the as-of day')
    .option('--docx <file.docx>', '写出 Word 文档（可直接印发）/ write the Word document an office sends')
    .option('--out <file.xlsx>', '写出 Excel 工作簿 / write the workbook')
    .option('--markdown <file.md>', '写出 Markdown 文本 / write the Markdown text')
    .option('--county <county>', `只含一个县（区、市）/ one county only: ${COUNTY_LABELS.join('、')}`)
    .option('--fresh', '不用已保存的通报，按当前数据重新计算（不保存）/ compute from the current rows instead of the stored notice (not stored)')
    .option(
      '--project <id>',
      `项目（默认 ${DEFAULT_PROJECT}）；demo-… 为本地模拟器，真实项目只能用此参数指定 / project (default ${DEFAULT_PROJECT}); demo-… means the emulators, a real project is only ever used when named here`,
    )
    .action(async (o: Options) => {
      const parsed = parseDateText(o.date);
      if (!parsed.ok || parsed.value !== o.date) throw new CliError(`日期无效：${o.date}（格式 YYYY-MM-DD）`, `Invalid date: ${o.date} (use YYYY-MM-DD)`);
      if (o.county !== undefined && !COUNTY_LABELS.includes(o.county)) throw new CliError(`未知的县（区、市）：${o.county}`, `Unknown county: ${o.county}`);
      if (o.out === undefined && o.docx === undefined && o.markdown === undefined) {
        throw new CliError('请指定要写出的文件：--docx、--out 或 --markdown', 'Name a file to write: --docx, --out or --markdown');
      }
      if (o.out !== undefined && !/\.xlsx$/i.test(o.out))
        throw new CliError(`工作簿文件名须以 .xlsx 结尾：${o.out}`, `The workbook must end in .xlsx: ${o.out}`);
      if (o.docx !== undefined && !/\.docx$/i.test(o.docx))
        throw new CliError(`Word 文档文件名须以 .docx 结尾：${o.docx}`, `The Word document must end in .docx: ${o.docx}`);
      let fetched;
      try {
        fetched = await fetchNotice(getFirestore(adminApp(o.project)), o.date, { county: o.county, fresh: o.fresh });
      } catch (e) {
        if (e instanceof CliError) throw e;
        const m = (e as Error).message ?? String(e);
        if (/ECONNREFUSED|fetch failed|UNAVAILABLE/.test(m)) {
          throw new CliError('连不上本地模拟器：请先运行 npm start', `Cannot reach the emulators: run npm start first (${m})`);
        }
        throw new CliError(`读取通报失败：${m}`, `Could not get the notice: ${m}`);
      }
      if (o.docx !== undefined) await writeNoticeDocx(o.docx, fetched.notice);
      if (o.out !== undefined) await writeNoticeXlsx(o.out, fetched.notice);
      if (o.markdown !== undefined) await writeFile(o.markdown, noticeMarkdown(fetched.notice), 'utf8');
      const how = fetched.source === 'stored' ? '已保存的通报 / the stored notice' : '按当前数据计算，未保存 / computed now, not stored';
      const files = [o.docx, o.out, o.markdown].filter((f) => f !== undefined).join(', ');
      ctx.io.out(`${files}：${o.date} ${fetched.notice.county ?? '全市 / city-wide'}（${how}）\n`);
    });
};
