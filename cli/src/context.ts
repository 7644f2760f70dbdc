// What every subcommand gets from main: where to write, how to report its exit status, and
// the one error class for "this cannot be done" (exit 2, reason in Chinese and English).

import type { Command } from 'commander';

/** Where a command writes. main() binds it to the process; tests can capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  readonly io: Io;
  /** Set by a command's action; main() returns it. 0 unless a command says otherwise. */
  exitCode: number;
}

/**
 * The contract of a module in cli/src/commands/: export `register`, which adds one
 * subcommand to the program. main() loads every module in that folder, so adding a command
 * is adding one file.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Exit status: every row valid / some row invalid / the input cannot be used. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNUSABLE = 2;

/**
 * The file, the arguments or the environment cannot be used. main() prints the reason in
 * both languages on stderr and exits with `exitCode` (2 unless said otherwise).
 */
export class CliError extends Error {
  readonly zh: string;
  readonly en: string;
  readonly exitCode: number;

  constructor(zh: string, en: string, exitCode: number = EXIT_UNUSABLE) {
    super(`${zh} / ${en}`);
    this.name = 'CliError';
    this.zh = zh;
    this.en = en;
    this.exitCode = exitCode;
  }
}
