// Sizes and figures of the adversarial suite (issue #7: tests/emulator/adversarial-*.ts).
// The same scenarios run at CI size inside `npm test` and at full size in
// `npm run test:stress` (TAIZHANG_STRESS=1), which prints every scenario's figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** True under `npm run test:stress`. */
export const STRESS = process.env.TAIZHANG_STRESS === '1';

/** The CI size, or the stress size under `npm run test:stress`. */
export function sized<T>(ci: T, stress: T): T {
  return STRESS ? stress : ci;
}

/** A scenario's figures: counts, or counts by name (errors by code). */
export type Figures = Record<string, number | string | Record<string, number>>;

export const FIGURES_DIR = path.resolve(__dirname, '..', 'output', 'figures');

/**
 * Writes a scenario's figures to tests/output/figures/<scenario>.json (scripts/stress.mjs
 * prints them as one table) and logs them.
 */
export function recordFigures(scenario: string, figures: Figures): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const record = { scenario, stress: STRESS, at: new Date().toISOString(), figures };
  writeFileSync(path.join(FIGURES_DIR, `${scenario}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`[figures] ${scenario}: ${JSON.stringify(figures)}`);
}
