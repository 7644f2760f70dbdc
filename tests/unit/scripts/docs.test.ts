// The reference under docs/ stays the project's own and stays true: the ledger tables are
// what the declarations say, the CLI page names every command and option the program has,
// and what the sources cite is there to read — no document outside the repository, no
// docs/ file or section that does not exist.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildProgram } from '../../../cli/src/main';
import { BEGIN, END, ERROR_CODE_MEANINGS, LEDGERS_DOC, ledgerTables } from '../../../scripts/docs-ledgers';
import { ERROR_CODES, LEDGERS } from '@taizhang/ledger';

/** The CLI's own commander (the repository root may hold another version of it). */
type Command = ReturnType<typeof buildProgram>;

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS = path.join(ROOT, 'docs');
const SOURCE_DIRS = ['ledger', 'functions', 'addin', 'cli', 'scripts', 'tests', 'bench'];
const SOURCE_FILE = /\.(ts|tsx|mjs|cjs|js)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' || e.name === 'lib' || e.name === 'output' ? [] : sourceFiles(p);
    return SOURCE_FILE.test(e.name) ? [p] : [];
  });
}

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1]!)));
}

/** What is wrong with the documents `text` cites, one line each (empty: nothing). */
export function badCitations(text: string, beside: string): string[] {
  const bad: string[] = [];
  if (/\.\.\/shared|shared\/(spec|domain)\//.test(text)) bad.push('points outside the repository (../shared)');
  for (const m of text.matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w\p{L}-]+))?/gu)) {
    const file = path.join(DOCS, m[1]!);
    if (!existsSync(file)) bad.push(`cites docs/${m[1]}, which does not exist`);
    else if (m[2] !== undefined && !anchorsOf(file).has(m[2])) bad.push(`cites docs/${m[1]}#${m[2]}, a section docs/${m[1]} does not have`);
  }
  // A bare document name (API.md, LEDGERS.md…) must be one of docs/ or lie beside the file.
  for (const m of text.matchAll(/(?<![\w/.-])([A-Z][\w-]*\.md)\b/g)) {
    if (!existsSync(path.join(DOCS, m[1]!)) && !existsSync(path.join(beside, m[1]!))) bad.push(`cites ${m[1]}, which is neither in docs/ nor beside it`);
  }
  return bad;
}

describe('what the sources cite', () => {
  it('is in the repository: docs/ files and sections that exist, never ../shared', () => {
    const problems: string[] = [];
    for (const dir of SOURCE_DIRS) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        if (file === __filename) continue; // this file names what it forbids
        for (const b of badCitations(readFileSync(file, 'utf8'), path.dirname(file))) problems.push(`${path.relative(ROOT, file)}: ${b}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is checked: outside documents, missing files and missing sections are caught', () => {
    expect(badCitations('// see ../shared/spec/API.md', DOCS)).toEqual(['points outside the repository (../shared)']);
    expect(badCitations('// (API.md, "pushRows")', DOCS)).toEqual(['cites API.md, which is neither in docs/ nor beside it']);
    expect(badCitations('// docs/nothing.md', DOCS)).toEqual(['cites docs/nothing.md, which does not exist']);
    expect(badCitations('// docs/api.md#no-such-section', DOCS)).toHaveLength(1);
    expect(badCitations('// docs/api.md#pushrows and docs/ledgers.md#the-fields; README.md', DOCS)).toEqual([]);
  });
});

describe('docs/ledgers.md', () => {
  it('holds the tables the ledger declarations make (npx tsx scripts/docs-ledgers.ts rewrites them)', () => {
    const doc = readFileSync(LEDGERS_DOC, 'utf8');
    const generated = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
    expect(generated).toBe(ledgerTables());
  });

  it('names every field and every error code, with a meaning for each code', () => {
    const doc = readFileSync(LEDGERS_DOC, 'utf8');
    for (const ledger of Object.values(LEDGERS)) {
      for (const f of ledger.fields) expect(doc).toContain(`| ${f.header} | \`${f.key}\` |`);
    }
    for (const code of ERROR_CODES) {
      expect(ERROR_CODE_MEANINGS[code]).toBeTruthy();
      expect(doc).toContain(`| \`${code}\` |`);
    }
  });
});

describe('docs/cli.md', () => {
  const doc = readFileSync(path.join(DOCS, 'cli.md'), 'utf8');

  /** Every command below `c` with its full name (`admin groups add`). */
  function commands(c: Command, prefix: string[] = []): { name: string; command: Command }[] {
    return c.commands
      .filter((x) => x.name() !== 'help')
      .flatMap((x) => {
        const name = [...prefix, x.name()];
        return [{ name: name.join(' '), command: x }, ...commands(x, name)];
      });
  }

  /** The text of the section headed `taizhang <name>`, up to the next heading. */
  function section(name: string): string | undefined {
    const m = new RegExp(`^#{2,4} \`taizhang ${name}\`\\s*$`, 'm').exec(doc);
    if (!m) return undefined;
    const rest = doc.slice(m.index + m[0].length);
    const next = /^#{2,4} /m.exec(rest);
    return next ? rest.slice(0, next.index) : rest;
  }

  const program = buildProgram({ io: { out: () => {}, err: () => {} }, exitCode: 0 });

  // An option every subcommand shares may be named once, in the section of the command above.
  it.each(commands(program).map((c) => [c.name, c.command] as const))('has a section for `taizhang %s` naming each of its options', (name, command) => {
    expect(section(name)).toBeDefined();
    const words = name.split(' ');
    const text = words.map((_, i) => section(words.slice(0, i + 1).join(' ')) ?? '').join('\n');
    const missing = command.options.map((o) => o.long).filter((long) => long !== undefined && long !== '--help' && !text.includes(long));
    expect(missing).toEqual([]);
  });
});
