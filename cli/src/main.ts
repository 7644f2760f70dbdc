// `taizhang`: the program and its subcommands. bin/taizhang.js runs main() through tsx.
//
// Adding a command is adding one file: every module in ./commands exports
// `register: RegisterCommand`, which calls `program.command('name')…` (so the subcommand
// inherits the output and exit handling set up here) and sets `ctx.exitCode` in its action.
// Throw CliError for "cannot be done" (exit 2, reason in Chinese and English on stderr).
// Helpers that are not commands go elsewhere, or start with an underscore.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT_OK, EXIT_UNUSABLE, type CliContext, type Io, type RegisterCommand } from './context';

const COMMANDS_DIR = join(__dirname, 'commands');

/** The command modules, by file name, in name order. */
export function commandFiles(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.') && !f.startsWith('_'))
    .sort();
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The program with every command registered; commander errors throw instead of exiting. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('taizhang')
    .description('台账：检查、上传、下载台账工作簿，管理账号 / Taizhang: check, push and pull ledger workbooks; administer accounts')
    .version(version(), '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令的帮助 / show help for a command')
    .configureHelp({ sortSubcommands: true })
    .configureOutput({
      writeOut: (s) => ctx.io.out(s),
      writeErr: (s) => ctx.io.err(s),
      outputError: (s, write) => write(`参数有误，用 --help 查看用法 / Invalid arguments (see --help):\n${s}`),
    })
    .exitOverride();

  for (const file of commandFiles()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(COMMANDS_DIR, file)) as { register?: RegisterCommand };
    if (typeof mod.register !== 'function') {
      throw new Error(`cli/src/commands/${file} does not export register(program, ctx)`);
    }
    mod.register(program, ctx);
  }
  return program;
}

const processIo: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/**
 * Run the command line (`argv` as in process.argv: node, script, arguments…) and return the
 * exit status: 0 or 1 as the command decides, 2 for bad arguments or an unusable input.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT_OK };
  try {
    await buildProgram(ctx).parseAsync([...argv]);
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`错误：${e.zh}\nError: ${e.en}\n`);
      return e.exitCode;
    }
    // Commander has already said what is wrong (or shown help / the version).
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_UNUSABLE;
    throw e;
  }
}
