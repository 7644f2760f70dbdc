// `taizhang notice --date YYYY-MM-DD --out notice.xlsx [--markdown notice.md]`: the notice
// (通报) of a day as a workbook (sheets 通报, 县区排名, 部门排名, 未报送工作组, 超期问题) and as
// Markdown text. Reads the stored notice through firebase-admin (the emulators for demo-…
// projects, a real project with credentials), or computes it when none is stored.

import { writeFile } from 'node:fs/promises';
import { getFirestore } from 'firebase-admin/firestore';
import { COUNTY_LABELS, noticeMarkdown, parseDateText } from '@taizhang/ledger';
import { CliError, type RegisterCommand } from '../context';
import { adminApp } from '../firebase/adminApp';
import { DEFAULT_PROJECT } from '../firebase/project';
import { fetchNotice } from '../notice/fetch';
import { writeNoticeXlsx } from '../xlsx/writeNotice';

interface Options {
  date: string;
  out: string;
  markdown?: string;
  county?: string;
  fresh?: boolean;
  project?: string;
}

export const register: RegisterCommand = (program, ctx) => {
  program.command('notice')
    .description('生成某日的通报（.xlsx 与 Markdown）/ write the notice of a day (.xlsx and Markdown)')
    .requiredOption('--date <YYYY-MM-DD>', '通报日期（截至该日）/ the as-of day')
    .requiredOption('--out <file.xlsx>', '输出的工作簿 / workbook to write')
    .option('--markdown <file.md>', '同时写出 Markdown 正文 / also write the Markdown text')
    .option('--county <county>', `只含一个县（区、市）/ one county only: ${COUNTY_LABELS.join('、')}`)
    .option('--fresh', '不用已保存的通报，按当前数据重新计算（不保存）/ compute from the current rows instead of the stored notice (not stored)')
    .option('--project <id>', `项目（默认 ${DEFAULT_PROJECT}）；demo-… 为本地模拟器，真实项目只能用此参数指定 / project (default ${DEFAULT_PROJECT}); demo-… means the emulators, a real project is only ever used when named here`)
    .action(async (o: Options) => {
      const parsed = parseDateText(o.date);
      if (!parsed.ok || parsed.value !== o.date) throw new CliError(`日期无效：${o.date}（格式 YYYY-MM-DD）`, `Invalid date: ${o.date} (use YYYY-MM-DD)`);
      if (o.county !== undefined && !COUNTY_LABELS.includes(o.county)) throw new CliError(`未知的县（区、市）：${o.county}`, `Unknown county: ${o.county}`);
      if (!/\.xlsx$/i.test(o.out)) throw new CliError(`输出文件须以 .xlsx 结尾：${o.out}`, `The output file must end in .xlsx: ${o.out}`);
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
      const md = noticeMarkdown(fetched.notice);
      await writeNoticeXlsx(o.out, fetched.notice, md);
      if (o.markdown !== undefined) await writeFile(o.markdown, md, 'utf8');
      const how = fetched.source === 'stored' ? '已保存的通报 / the stored notice' : '按当前数据计算，未保存 / computed now, not stored';
      ctx.io.out(`${o.out}${o.markdown ? `, ${o.markdown}` : ''}：${o.date} ${fetched.notice.county ?? '全市 / city-wide'}（${how}）\n`);
    });
};
