import { itemNotFound } from '../errors';
import { type WorkbookModel } from '../model';
import { type Exec, SimObject, needApi } from '../proxy';
import { Ctx, PREVIEW } from './rangeRef';
import { Range } from './range';
import { WorksheetCollection } from './worksheet';
import { TableCollection } from './tables';
import { CommentCollection, NoteCollection } from './annotations';
import { Functions } from './functions';

export class Workbook extends SimObject<WorkbookModel> {
  readonly _typeName = 'Workbook';
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  private _comments: CommentCollection | undefined;
  private _notes: NoteCollection | undefined;
  private _functions: Functions | undefined;

  constructor(context: Ctx) {
    super(context, 'workbook', () => context._host.model);
    this.worksheets = new WorksheetCollection(context, 'workbook.worksheets', () => context._host.model);
    this.tables = new TableCollection(context, 'workbook.tables', () => context._host.model);
  }

  _readers() {
    return {
      name: () => 'Book1.xlsx',
      readOnly: () => false,
      use1904DateSystem: (_m: WorkbookModel, x: Exec) => {
        // Preview only: in no released requirement set, so refused by every simulated host.
        needApi(x, PREVIEW, 'Workbook.use1904DateSystem');
        return false;
      },
    };
  }
  override _explicitOnly(): string[] {
    return ['use1904DateSystem'];
  }
  override _navigation() {
    return { worksheets: () => this.worksheets, tables: () => this.tables };
  }

  get name(): string {
    return this._get('name');
  }
  get readOnly(): boolean {
    return this._get('readOnly');
  }
  get functions(): Functions {
    return (this._functions ??= new Functions(this.context, 'workbook.functions', () => this.context._host.model));
  }
  /** Not declared by @types/office-js 1.0.612; see README. */
  get use1904DateSystem(): boolean {
    return this._get('use1904DateSystem');
  }

  get comments(): CommentCollection {
    return (this._comments ??= new CommentCollection(this.context, 'workbook.comments', () => ({})));
  }
  get notes(): NoteCollection {
    return (this._notes ??= new NoteCollection(this.context, 'workbook.notes', () => ({})));
  }

  getSelectedRange(): Range {
    return new Range(this.context, 'workbook.getSelectedRange()', () => {
      const m = this.context._host.model;
      if (m.selection && !m.selection.sheet.deleted) return { sheet: m.selection.sheet, b: m.selection.bounds };
      const s = m.activeSheet;
      if (!s) throw itemNotFound('active worksheet');
      return { sheet: s, b: { r0: 0, r1: 0, c0: 0, c1: 0 } };
    });
  }

  getActiveCell(): Range {
    return new Range(this.context, 'workbook.getActiveCell()', () => {
      const m = this.context._host.model;
      if (m.selection && !m.selection.sheet.deleted) {
        const { r0, c0 } = m.selection.bounds;
        return { sheet: m.selection.sheet, b: { r0, c0, r1: r0, c1: c0 } };
      }
      const s = m.activeSheet;
      if (!s) throw itemNotFound('active worksheet');
      return { sheet: s, b: { r0: 0, r1: 0, c0: 0, c1: 0 } };
    });
  }
}
