// Threaded comments (ExcelApi 1.10) and notes (ExcelApi 1.18).
import { fullAddress } from '../address';
import { invalidArgument, invalidOperation, itemNotFound, notImplemented } from '../errors';
import { type SheetState, type WorkbookModel, SIMULATOR_AUTHOR } from '../model';
import { type Exec, SimClientResult, SimCollection, SimObject, type AnySimObject } from '../proxy';
import { resolveAddress, singleCell } from './rangeRef';
import { Range } from './range';

interface Scope {
  sheet?: SheetState;
}

type Kind = 'comment' | 'note';

function locate(model: WorkbookModel, kind: Kind, id: string) {
  const a = model.findAnnotation(kind, id);
  if (!a) throw itemNotFound(`${kind} '${id}'`);
  return a;
}

function addAnnotation(x: Exec, kind: Kind, scope: Scope, cellAddress: unknown, content: unknown, what: string): string {
  if (typeof content !== 'string') throw notImplemented(`${what} with rich content`);
  const home = scope.sheet ?? x.model.activeSheet;
  const ref = singleCell(resolveAddress(x.model, cellAddress, home, what), what);
  if (scope.sheet && ref.sheet !== scope.sheet) throw invalidArgument('the cell is on another worksheet', what);
  const cell = x.model.cell(ref.sheet, ref.b.r0, ref.b.c0);
  if (cell?.comment || cell?.note) {
    throw invalidOperation(`cell ${fullAddress(ref.sheet.name, ref.b)} already has a ${cell.comment ? 'comment' : 'note'}`, what);
  }
  const id = `${kind}-${x.model.nextId()}`;
  const state = kind === 'comment' ? { id, content, author: SIMULATOR_AUTHOR, resolved: false } : { id, content, author: SIMULATOR_AUTHOR };
  x.model.patchCell(ref.sheet, ref.b.r0, ref.b.c0, { [kind]: state });
  x.model.sawAnnotation(id, ref.sheet, ref.b.r0, ref.b.c0);
  return id;
}

abstract class AnnotationCollection<I extends AnySimObject> extends SimCollection<Scope, I> {
  abstract readonly _kind: Kind;
  abstract _make(path: string, resolve: () => string | null): I;

  _readers() {
    return {};
  }
  private _all(scope: Scope) {
    return this.context._host.model.annotations(this._kind, scope.sheet);
  }
  _items(scope: Scope): I[] {
    return this._all(scope).map((a) => {
      const id = a.cell[this._kind]!.id;
      return this._make(`${this._path}[${JSON.stringify(id)}]`, () => id);
    });
  }

  protected _add(cellAddress: unknown, content: unknown): I {
    let id: string | undefined;
    this._call('add', [cellAddress, content], (scope, x) => {
      id = addAnnotation(x, this._kind, scope, cellAddress, content, `${this._typeName}.add`);
    });
    return this._make(`${this._path}.add()`, () => {
      if (!id) throw invalidOperation('the added item is not available');
      return id;
    });
  }

  protected _byCell(cellAddress: unknown, orNull: boolean, name: string): I {
    const item = this._make(`${this._path}.${name}(${JSON.stringify(typeof cellAddress === 'string' ? cellAddress : '')})`, () => {
      const scope = this._resolve();
      if (!scope) return null;
      const model = this.context._host.model;
      const ref = singleCell(resolveAddress(model, cellAddress, scope.sheet ?? model.activeSheet, name), name);
      const found = model.cell(ref.sheet, ref.b.r0, ref.b.c0)?.[this._kind];
      if (!found) {
        if (orNull) return null;
        throw itemNotFound(`${this._kind} at ${fullAddress(ref.sheet.name, ref.b)}`);
      }
      model.sawAnnotation(found.id, ref.sheet, ref.b.r0, ref.b.c0);
      return found.id;
    });
    return orNull ? item._instantiate() : item;
  }

  protected _byId(id: string, orNull: boolean): I {
    const item = this._make(`${this._path}.getItem(${JSON.stringify(id)})`, () => {
      const scope = this._resolve();
      if (!scope) return null;
      const a = this._all(scope).find((x) => x.cell[this._kind]!.id === id);
      if (!a) {
        if (orNull) return null;
        throw itemNotFound(`${this._kind} '${id}'`);
      }
      return id;
    });
    return orNull ? item._instantiate() : item;
  }

  getItemAt(index: number): I {
    return this._make(`${this._path}.getItemAt(${index})`, () => {
      const scope = this._resolve();
      if (!scope) return null;
      const a = this._all(scope)[index];
      if (!a) throw itemNotFound(`${this._kind} #${index}`);
      return a.cell[this._kind]!.id;
    });
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (scope) => this._all(scope).length);
  }
}

export class CommentCollection extends AnnotationCollection<Comment> {
  readonly _typeName = 'CommentCollection';
  override readonly _api = '1.10';
  readonly _kind = 'comment' as const;
  _make(path: string, resolve: () => string | null): Comment {
    return new Comment(this.context, path, resolve);
  }
  add(cellAddress: Range | string, content: string, _contentType?: string): Comment {
    return this._add(cellAddress, content);
  }
  getItem(commentId: string): Comment {
    return this._byId(commentId, false);
  }
  getItemOrNullObject(commentId: string): Comment {
    return this._byId(commentId, true);
  }
  getItemByCell(cellAddress: Range | string): Comment {
    return this._byCell(cellAddress, false, 'getItemByCell');
  }
}

abstract class Annotation extends SimObject<string> {
  abstract readonly _kind: Kind;
  override _validate(id: string): void {
    locate(this.context._host.model, this._kind, id);
  }
  protected _state(id: string) {
    return locate(this.context._host.model, this._kind, id);
  }
  get content(): string {
    return this._get('content');
  }
  set content(v: string) {
    this._set('content', v, (id, x, wire) => {
      if (typeof wire !== 'string') throw notImplemented(`${this._typeName}.content with rich content`);
      const a = this._state(id);
      x.model.patchCell(a.sheet, a.r, a.c, { [this._kind]: { ...a.cell[this._kind]!, content: wire } });
    });
  }
  get authorName(): string {
    return this._get('authorName');
  }
  delete(): void {
    this._call('delete', [], (id, x) => {
      const a = this._state(id);
      x.model.patchCell(a.sheet, a.r, a.c, { [this._kind]: undefined });
    });
  }
  getLocation(): Range {
    return new Range(this.context, `${this._path}.getLocation()`, () => {
      const id = this._resolve();
      if (!id) return null;
      const a = this._state(id);
      return { sheet: a.sheet, b: { r0: a.r, r1: a.r, c0: a.c, c1: a.c } };
    });
  }
}

export class Comment extends Annotation {
  readonly _typeName = 'Comment';
  override readonly _api = '1.10';
  readonly _kind = 'comment' as const;
  _readers() {
    return {
      id: (id: string) => id,
      content: (id: string) => this._state(id).cell.comment!.content,
      authorName: (id: string) => this._state(id).cell.comment!.author,
      authorEmail: () => '',
      resolved: (id: string) => this._state(id).cell.comment!.resolved,
    };
  }
  get id(): string {
    return this._get('id');
  }
  get resolved(): boolean {
    return this._get('resolved');
  }
  set resolved(v: boolean) {
    this._set(
      'resolved',
      v,
      (id, x, wire) => {
        const a = this._state(id);
        x.model.patchCell(a.sheet, a.r, a.c, { comment: { ...a.cell.comment!, resolved: Boolean(wire) } });
      },
      '1.11',
    );
  }
}

export class NoteCollection extends AnnotationCollection<Note> {
  readonly _typeName = 'NoteCollection';
  override readonly _api = '1.18';
  readonly _kind = 'note' as const;
  _make(path: string, resolve: () => string | null): Note {
    return new Note(this.context, path, resolve);
  }
  add(cellAddress: Range | string, content: string): Note {
    return this._add(cellAddress, content);
  }
  getItem(key: string): Note {
    return this._byCell(key, false, 'getItem');
  }
  getItemOrNullObject(key: string): Note {
    return this._byCell(key, true, 'getItemOrNullObject');
  }
}

export class Note extends Annotation {
  readonly _typeName = 'Note';
  override readonly _api = '1.18';
  readonly _kind = 'note' as const;
  _readers() {
    return {
      content: (id: string) => this._state(id).cell.note!.content,
      authorName: (id: string) => this._state(id).cell.note!.author,
    };
  }
}
