// Data validation (ExcelApi 1.8): list rules, their sources and their limits.
import { cellCount, fullAddress, parseA1, splitSheet } from '../address';
import { invalidArgument, itemNotFound, notImplemented } from '../errors';
import { type ListValidation, type SheetState } from '../model';
import { type Exec, SimObject } from '../proxy';
import { GENERAL, formatText } from '../values';
import { FORMAT_CELL_LIMIT, RangeRef, patchRange, resolveAddress, uniform } from './rangeRef';
import { Range } from './range';

const LIST_SOURCE_LIMIT = 255;

function listItems(x: Exec, dv: ListValidation, home: SheetState): string[] {
  if (!dv.source.startsWith('=')) return dv.source.split(',').map((s) => s.trim());
  const ref = resolveAddress(x.model, dv.source.slice(1), home, 'DataValidation.rule');
  const out: string[] = [];
  for (let r = ref.b.r0; r <= ref.b.r1; r++) for (let c = ref.b.c0; c <= ref.b.c1; c++) out.push(x.model.text(ref.sheet, r, c));
  return out;
}

export class DataValidation extends SimObject<RangeRef> {
  readonly _typeName = 'DataValidation';
  override readonly _api = '1.8';

  _readers() {
    return {
      type: (t: RangeRef, x: Exec) => {
        const u = uniform(x, t, (c) => c?.dv ?? null);
        return u === null ? (cellsWithDv(x, t) === 0 ? 'None' : 'Inconsistent') : 'List';
      },
      rule: (t: RangeRef, x: Exec) => {
        const u = uniform(x, t, (c) => c?.dv ?? null);
        if (!u) return cellsWithDv(x, t) === 0 ? {} : null;
        return { list: { inCellDropDown: u.inCellDropDown, source: u.source } };
      },
      ignoreBlanks: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.dv?.ignoreBlanks ?? true),
      errorAlert: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.dv?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' }),
      prompt: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.dv?.prompt ?? { showPrompt: false, title: '', message: '' }),
      valid: (t: RangeRef, x: Exec) => {
        for (const [, , cell] of x.model.cellsIn(t.sheet, t.b)) {
          if (!cell.dv) continue;
          const text = formatText(cell.v, cell.nf ?? GENERAL, x.model.date1904);
          if (text === '' && cell.dv.ignoreBlanks) continue;
          if (!listItems(x, cell.dv, t.sheet).includes(text)) return false;
        }
        return true;
      },
    };
  }

  get type(): string {
    return this._get('type');
  }
  get valid(): boolean {
    return this._get('valid');
  }

  get rule(): Record<string, unknown> {
    return this._get('rule');
  }
  set rule(v: Record<string, unknown>) {
    const keys = Object.keys(v ?? {});
    const unsupported = keys.filter((k) => k !== 'list');
    if (unsupported.length > 0) throw notImplemented(`DataValidation.rule.${unsupported[0]}`);
    const list = (v as { list?: { inCellDropDown?: boolean; source?: unknown } }).list;
    this._set('rule', v, (t, x) => {
      if (!list) throw invalidArgument('DataValidation.rule needs a list', 'DataValidation.rule');
      let source: string;
      if (list.source instanceof Range) {
        const ref = list.source._resolve();
        if (!ref) throw itemNotFound('DataValidation.rule list source range');
        source = `=${fullAddress(ref.sheet.name, ref.b, true)}`;
      } else if (typeof list.source === 'string') {
        source = list.source;
      } else {
        throw invalidArgument('list source must be a string or a Range', 'DataValidation.rule');
      }
      if (source.trim() === '') throw invalidArgument('the list source is empty', 'DataValidation.rule');
      if (source.startsWith('=')) {
        const { sheet, local } = splitSheet(source);
        if (sheet !== undefined && !x.model.findSheet(sheet)) throw invalidArgument(`no worksheet '${sheet}' for the list source`, 'DataValidation.rule');
        try {
          parseA1(local);
        } catch {
          throw notImplemented(`a data-validation list source that is not a range reference ('${source}')`);
        }
      } else if (source.length > LIST_SOURCE_LIMIT) {
        throw invalidArgument(
          `a comma-separated list source is limited to ${LIST_SOURCE_LIMIT} characters, this one has ${source.length}; put the list in cells and use a range reference`,
          'DataValidation.rule',
        );
      }
      patchValidation(x, t, (old) => ({
        type: 'List',
        source,
        inCellDropDown: list.inCellDropDown !== false,
        ignoreBlanks: old?.ignoreBlanks ?? true,
        errorAlert: old?.errorAlert,
        prompt: old?.prompt,
      }));
    });
  }

  get ignoreBlanks(): boolean {
    return this._get('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean) {
    this._set('ignoreBlanks', v, (t, x, wire) => patchValidation(x, t, (old) => (old ? { ...old, ignoreBlanks: Boolean(wire) } : undefined), true));
  }

  get errorAlert(): Record<string, unknown> {
    return this._get('errorAlert');
  }
  set errorAlert(v: Record<string, unknown>) {
    this._set('errorAlert', v, (t, x, wire) =>
      patchValidation(
        x,
        t,
        (old) => (old ? { ...old, errorAlert: { showAlert: true, style: 'Stop', title: '', message: '', ...(wire as object) } } : undefined),
        true,
      ),
    );
  }

  get prompt(): Record<string, unknown> {
    return this._get('prompt');
  }
  set prompt(v: Record<string, unknown>) {
    this._set('prompt', v, (t, x, wire) =>
      patchValidation(x, t, (old) => (old ? { ...old, prompt: { showPrompt: false, title: '', message: '', ...(wire as object) } } : undefined), true),
    );
  }

  clear(): void {
    this._call('clear', [], (t, x) => patchRange(x, t, { dv: undefined }, 'DataValidation.clear'));
  }
}

function cellsWithDv(x: Exec, t: RangeRef): number {
  let n = 0;
  for (const [, , cell] of x.model.cellsIn(t.sheet, t.b)) if (cell.dv) n++;
  return n;
}

/** Sets validation per cell; `existingOnly` updates cells that already have a rule. */
function patchValidation(x: Exec, t: RangeRef, f: (old: ListValidation | undefined) => ListValidation | undefined, existingOnly = false): void {
  if (existingOnly) {
    for (const [r, c, cell] of x.model.cellsIn(t.sheet, t.b)) if (cell.dv) x.model.patchCell(t.sheet, r, c, { dv: f(cell.dv) });
    return;
  }
  if (cellCount(t.b) > FORMAT_CELL_LIMIT) {
    throw notImplemented(
      `DataValidation.rule on more than ${FORMAT_CELL_LIMIT} cells (no whole-column validation; set it on the table's data body, new table rows inherit it)`,
    );
  }
  for (let r = t.b.r0; r <= t.b.r1; r++) {
    for (let c = t.b.c0; c <= t.b.c1; c++) x.model.patchCell(t.sheet, r, c, { dv: f(x.model.cell(t.sheet, r, c)?.dv) });
  }
}
