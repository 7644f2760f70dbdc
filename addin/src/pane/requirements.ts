// What the pane needs of its host, checked once Office is ready: a host below the minimum
// requirement set gets a message in both languages naming what is missing, never a blank pane.

import { MINIMUM_EXCEL_API } from '../excel/host';
import { STRINGS } from './i18n';

export type IsSetSupported = (name: string, version: string) => boolean;

/** The requirement sets the host lacks, as 'ExcelApi 1.7'; empty when the pane can run. */
export function missingSets(isSetSupported: IsSetSupported | undefined): string[] {
  const needed: [string, string][] = [['ExcelApi', MINIMUM_EXCEL_API]];
  return needed
    .filter(([name, version]) => {
      try {
        return !isSetSupported?.(name, version);
      } catch {
        return true;
      }
    })
    .map(([name, version]) => `${name} ${version}`);
}

/** The message's paragraphs: Chinese first, then English. */
export function hostTooOldText(missing: readonly string[]): string[] {
  const what = missing.join(', ');
  return (['zh', 'en'] as const).flatMap((l) => [STRINGS[l].hostTooOld(what), STRINGS[l].hostTooOldUpdate, STRINGS[l].hostTooOldElsewhere]);
}

/** Shows the message in `el` as plain paragraphs (no React: the simplest page that always renders). */
export function showHostTooOld(el: HTMLElement, missing: readonly string[]): void {
  el.textContent = '';
  el.setAttribute('role', 'alert');
  for (const line of hostTooOldText(missing)) {
    const p = el.ownerDocument.createElement('p');
    p.textContent = line;
    el.appendChild(p);
  }
}

/** `Office.context.requirements.isSetSupported` when the host has it (very old hosts do not). */
export function officeIsSetSupported(): IsSetSupported | undefined {
  const req = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: IsSetSupported } } } }).Office?.context?.requirements;
  return typeof req?.isSetSupported === 'function' ? (name, version) => req.isSetSupported!(name, version) : undefined;
}
