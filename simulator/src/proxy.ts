/**
 * The proxy machinery of Office.js, simulated: a request context with a queue, client objects
 * whose property writes and method calls are queued, `load()` that queues reads, and
 * `context.sync()` that runs the queue in order and then fills in the loaded properties.
 */
import { utf8Length } from '@taizhang/ledger';
import { SimError, invalidArgument, notImplemented, propertyNotLoaded, valueNotLoaded } from './errors';
import type { WorkbookModel } from './model';
import { isPlainGrid, jsonBytes } from './wire';

export interface SimStats {
  /** Number of `context.sync()` round trips (including the implicit one at the end of `run`). */
  syncs: number;
  /** Largest metered request of any sync (UTF-8 bytes, with office.js's per-command overhead). */
  largestRequestBytes: number;
  /** Largest metered answer of any sync. */
  largestAnswerBytes: number;
  /** Metered request of each sync, in order. */
  requests: number[];
  /** Metered answer of each sync, in order. */
  answers: number[];
  /** Syncs rejected with RequestPayloadSizeLimitExceeded or ResponsePayloadSizeLimitExceeded. */
  rejected: number;
}

/**
 * What office.js adds to a request for each object a command goes through (its object path
 * and the instantiate action) and for each command, and to the answer for each result;
 * measured on the runtime in @microsoft/office-js (tests/support/officeRuntime.ts).
 */
export const OBJECT_PATH_BYTES = 150;
export const ACTION_BYTES = 90;
export const RESULT_BYTES = 28;
/** Excel refuses to read more cells than this in one range. */
export const MAX_READ_CELLS = 5_000_000;

/** What the context needs from the simulator. */
export interface SimHost {
  readonly model: WorkbookModel;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  readonly stats: SimStats;
  isSetSupported(name: string, version: string): boolean;
  /** While the clerk is typing in a cell: resolves when they leave the cell. */
  cellEdit(): Promise<void> | undefined;
}

/** One queued command. `read` commands make the batch journaled (it can be rolled back). */
export interface Op {
  bytes: number;
  read?: boolean;
  api?: string;
  label: string;
  run?: (x: Exec) => void;
}

export class PayloadTooLarge extends SimError {
  constructor(requestBytes: number, responseBytes: number, limit: number, side: 'request' | 'response' = 'request') {
    super(
      side === 'request' ? 'RequestPayloadSizeLimitExceeded' : 'ResponsePayloadSizeLimitExceeded',
      `The ${side} payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`,
      undefined,
      { requestBytes, responseBytes, limit },
    );
  }
}

/** State of one executing sync. */
export class Exec {
  responseBytes = 0;
  readonly applies: Array<() => void> = [];
  constructor(
    readonly host: SimHost,
    readonly requestBytes: number,
  ) {}

  get model(): WorkbookModel {
    return this.host.model;
  }

  /** Fails early when at least `bytes` more would not fit (keeps huge reads from being built). */
  reserve(bytes: number): void {
    if (this.responseBytes + bytes > this.host.maxResponseBytes) {
      throw new PayloadTooLarge(this.requestBytes, this.responseBytes + bytes, this.host.maxResponseBytes, 'response');
    }
  }

  /** Refuses a read of more cells than Excel answers for in one range. */
  reserveCells(cells: number): void {
    if (cells > MAX_READ_CELLS) {
      throw new PayloadTooLarge(this.requestBytes, this.responseBytes, this.host.maxResponseBytes, 'response');
    }
  }

  respond(value: unknown): void {
    const n = jsonBytes(value ?? null) + RESULT_BYTES;
    this.reserve(n);
    this.responseBytes += n;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
export { compareVersions };

export class SimRequestContext {
  readonly workbook: import('./objects').Workbook;
  readonly trackedObjects = { add(_o: unknown): void {}, remove(_o: unknown): void {} };
  _queue: Op[] = [];
  _closed = false;
  /** Excel.run's delayForCellEdit: a sync waits for the clerk to leave the cell instead of failing. */
  _delayForCellEdit = false;
  /** True while a sync runs: objects created then (collection items) are not queued. */
  _executing = false;

  constructor(
    readonly _host: SimHost,
    makeWorkbook: (ctx: SimRequestContext) => import('./objects').Workbook,
  ) {
    this.workbook = makeWorkbook(this);
  }

  _enqueue(op: Op): void {
    if (this._closed) {
      throw new SimError(
        'InvalidObjectPath',
        `The object path '${op.label}' isn't working for what you're trying to do: the request context was used after its Excel.run batch finished.`,
      );
    }
    this._queue.push(op);
  }

  /** `context.load(object, props)`, kept for old code. */
  load<T extends AnySimObject>(object: T, props?: LoadArg): T {
    object.load(props);
    return object;
  }

  async sync<T>(passThroughValue?: T): Promise<T | undefined> {
    await runQueue(this);
    return passThroughValue;
  }
}

async function runQueue(ctx: SimRequestContext): Promise<void> {
  const host = ctx._host;
  const ops = ctx._queue;
  ctx._queue = [];
  host.stats.syncs += 1;
  await Promise.resolve(); // a round trip is always asynchronous
  const editing = host.cellEdit();
  if (editing !== undefined) {
    if (!ctx._delayForCellEdit) {
      throw new SimError(
        'InvalidOperationInCellEditMode',
        'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
      );
    }
    await editing;
  }
  const requestBytes = 2 + ops.reduce((n, o) => n + o.bytes + 1, 0);
  const record = (answerBytes: number) => {
    host.stats.requests.push(requestBytes);
    host.stats.largestRequestBytes = Math.max(host.stats.largestRequestBytes, requestBytes);
    host.stats.answers.push(answerBytes);
    host.stats.largestAnswerBytes = Math.max(host.stats.largestAnswerBytes, answerBytes);
  };
  if (requestBytes > host.maxRequestBytes) {
    record(0);
    host.stats.rejected += 1;
    throw new PayloadTooLarge(requestBytes, 0, host.maxRequestBytes);
  }
  const model = host.model;
  const exec = new Exec(host, requestBytes);
  model.beginBatch(ops.some((o) => o.read));
  ctx._executing = true;
  try {
    for (const op of ops) {
      if (op.api && !host.isSetSupported('ExcelApi', op.api)) {
        throw new SimError(
          'ApiNotFound',
          `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${op.label} needs ExcelApi ${op.api})`,
          op.label,
        );
      }
      op.run?.(exec);
    }
  } catch (e) {
    if (e instanceof PayloadTooLarge) {
      model.rollback();
      host.stats.rejected += 1;
      record(exec.responseBytes);
    } else {
      model.commit(); // like Excel, commands before the failing one stay applied
      record(exec.responseBytes);
    }
    throw e;
  } finally {
    ctx._executing = false;
  }
  model.commit();
  record(exec.responseBytes);
  for (const apply of exec.applies) apply();
}

export type LoadArg = string | string[] | Record<string, unknown> | undefined | null;

interface ParsedLoad {
  all: boolean;
  props: string[];
  navs: Map<string, string[]>;
}

function parseLoad(arg: LoadArg, stripItems: boolean): ParsedLoad {
  const out: ParsedLoad = { all: false, props: [], navs: new Map() };
  const names: string[] = [];
  if (arg === undefined || arg === null) out.all = true;
  else if (typeof arg === 'string') names.push(...arg.split(','));
  else if (Array.isArray(arg)) names.push(...arg);
  else if ('select' in arg || 'expand' in arg) {
    if (typeof arg.select === 'string') names.push(...arg.select.split(','));
    if (typeof arg.expand === 'string') names.push(...arg.expand.split(','));
    if (!arg.select) out.all = true;
  } else {
    const walk = (o: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (k === '$all') {
          if (v) {
            if (prefix) names.push(prefix.slice(0, -1));
            else out.all = true;
          }
          continue;
        }
        if (k.startsWith('$')) continue;
        if (v === true) names.push(prefix + k);
        else if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
      }
    };
    walk(arg, '');
  }
  for (let raw of names) {
    raw = raw.trim();
    if (stripItems) raw = raw.replace(/^items\/?/, '');
    if (!raw) {
      if (stripItems) out.all = true;
      continue;
    }
    const slash = raw.indexOf('/');
    if (slash < 0) out.props.push(raw);
    else {
      const nav = raw.slice(0, slash);
      const rest = out.navs.get(nav) ?? [];
      rest.push(raw.slice(slash + 1));
      out.navs.set(nav, rest);
    }
  }
  return out;
}

type Reader<T> = (t: T, x: Exec) => unknown;

/** Any client object, whatever it resolves to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySimObject = SimObject<any>;

/** What a value looks like after the JSON trip to the host (client objects travel as their path). */
export function toWire(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof SimObject) return { _ObjectPath: value._path };
  if (value === null || typeof value !== 'object') return JSON.parse(JSON.stringify(value) ?? 'null');
  // A grid of cells (a 100,000-row column written) takes JSON's fast path, without the replacer.
  if (Array.isArray(value) && isPlainGrid(value)) return JSON.parse(JSON.stringify(value));
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, k: string, v: unknown) {
      const original = this[k];
      return original instanceof SimObject ? { _ObjectPath: original._path } : v;
    }),
  );
}

/** Per-member requirement-set check, for members newer than their object. */
export function needApi(x: Exec, version: string, label: string): void {
  if (!x.host.isSetSupported('ExcelApi', version)) {
    throw new SimError(
      'ApiNotFound',
      `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${label} needs ExcelApi ${version})`,
      label,
    );
  }
}

const PASS = new Set(['then', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'jasmineToString', 'toAsymmetricMatcher', 'length']);

/**
 * Base of every simulated client object. Subclasses declare their loadable scalar properties
 * (`_readers`), navigation properties (`_navigation`) and the ExcelApi version they need (`_api`).
 * Members a subclass does not define throw "not implemented in the simulator".
 */
export abstract class SimObject<T> {
  abstract readonly _typeName: string;
  readonly _api: string | undefined = undefined;
  _loaded = new Map<string, unknown>();
  _isNull: boolean | undefined = undefined;
  private _memo: { target: T | null } | undefined = undefined;

  constructor(
    readonly context: SimRequestContext,
    readonly _path: string,
    private readonly _resolver: () => T | null,
  ) {
    if (!context._executing) context._enqueue({ bytes: utf8Length(_path) + OBJECT_PATH_BYTES, label: _path });
    // biome-ignore lint/correctness/noConstructorReturn: the object is its own guard, refusing members Excel does not have
    return new Proxy(this, {
      get(target, p, receiver) {
        if (typeof p === 'symbol' || p in target) return Reflect.get(target, p, receiver);
        if (PASS.has(p) || p.startsWith('_') || p.startsWith('$$') || p.startsWith('@@')) return undefined;
        throw notImplemented(`${target._typeName}.${p}`);
      },
      set(target, p, value, receiver) {
        if (typeof p === 'symbol' || p in target || p.startsWith('_')) return Reflect.set(target, p, value, receiver);
        throw notImplemented(`setting ${target._typeName}.${p}`);
      },
    });
  }

  /** Scalar properties `load()` can fetch. */
  abstract _readers(): Record<string, Reader<T>>;
  /** Navigation properties a load path may go through (`format/fill/color`). */
  _navigation(): Record<string, () => AnySimObject> {
    return {};
  }
  /** Readers that `load()` without arguments skips (newer members). */
  _explicitOnly(): string[] {
    return [];
  }
  /** Checks a resolved target is still alive (a deleted sheet, a deleted table). */
  _validate(_t: T): void {}

  /** Resolves the object in the workbook, once, in queue order. `null` means a null object. */
  _resolve(): T | null {
    if (this._memo) {
      if (this._memo.target !== null) this._validate(this._memo.target);
      return this._memo.target;
    }
    const target = this._resolver();
    this._memo = { target };
    if (target !== null) this._validate(target);
    return target;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded('isNullObject', this._typeName);
    return this._isNull;
  }

  protected _get<V>(name: string): V {
    if (this._isNull === true) return undefined as V;
    if (!this._loaded.has(name)) throw propertyNotLoaded(name, this._typeName);
    return this._loaded.get(name) as V;
  }

  protected _bytes(name: string, args: unknown): number {
    return jsonBytes([name, args]) + ACTION_BYTES;
  }

  /** Queues a property write; like Office.js the written value is readable locally at once. */
  protected _set(name: string, value: unknown, apply: (t: T, x: Exec, wire: unknown) => void, api?: string): void {
    const wire = toWire(value);
    this._enqueue(`${this._typeName}.${name}`, this._bytes(name, wire), (t, x) => apply(t, x, wire), api);
    this._loaded.set(name, value);
  }

  /** Queues a method call. */
  protected _call(name: string, args: unknown[], apply: (t: T, x: Exec) => void, api?: string): void {
    this._enqueue(`${this._typeName}.${name}`, this._bytes(name, args.map(toWire)), apply, api);
  }

  protected _enqueue(label: string, bytes: number, apply: (t: T, x: Exec) => void, api?: string, read = false): void {
    this.context._enqueue({
      bytes,
      label,
      read,
      api: api ?? this._api,
      run: (x) => {
        const t = this._resolve();
        if (t === null) return; // commands on a null object do nothing
        apply(t, x);
      },
    });
  }

  /** For `…OrNullObject` objects: learn at the next sync whether the object exists. */
  _instantiate(): this {
    this.context._enqueue({
      bytes: 24,
      read: true,
      api: this._api,
      label: `${this._typeName}.isNullObject`,
      run: (x) => {
        const isNull = this._resolve() === null;
        x.respond(isNull);
        x.applies.push(() => {
          this._isNull = isNull;
        });
      },
    });
    return this;
  }

  /** Queues a read of a value that is not a property (`getCount()`). */
  protected _result<V>(name: string, compute: (t: T, x: Exec) => V, api?: string): SimClientResult<V> {
    const result = new SimClientResult<V>();
    this.context._enqueue({
      bytes: this._bytes(name, []),
      read: true,
      api: api ?? this._api,
      label: `${this._typeName}.${name}`,
      run: (x) => {
        const t = this._resolve();
        const v = t === null ? (null as V) : compute(t, x);
        x.respond(v);
        x.applies.push(() => result._set(v));
      },
    });
    return result;
  }

  load(arg?: LoadArg): this {
    const parsed = parseLoad(arg, false);
    this._queueLoad(parsed);
    return this;
  }

  protected _queueLoad(parsed: ParsedLoad): void {
    const readers = this._readers();
    const navs = this._navigation();
    const explicitOnly = this._explicitOnly();
    const props = parsed.all ? Object.keys(readers).filter((k) => !explicitOnly.includes(k)) : [];
    for (const p of parsed.props) {
      if (p in readers) props.push(p);
      else if (p in navs) navs[p]!().load(undefined);
      else throw notImplemented(`${this._typeName}.load('${p}')`);
    }
    for (const [nav, rest] of parsed.navs) {
      const child = navs[nav];
      if (!child) throw notImplemented(`${this._typeName}.load('${nav}/…')`);
      child().load(rest.join(','));
    }
    const unique = [...new Set(props)];
    this.context._enqueue({
      bytes: this._bytes('load', unique),
      read: true,
      api: this._api,
      label: `${this._typeName}.load`,
      run: (x) => {
        const t = this._resolve();
        if (t === null) {
          x.applies.push(() => {
            this._isNull = true;
          });
          return;
        }
        const values = new Map<string, unknown>();
        for (const p of unique) {
          const v = readers[p]!(t, x);
          x.respond(v);
          values.set(p, v);
        }
        x.applies.push(() => {
          this._isNull = false;
          for (const [k, v] of values) this._loaded.set(k, v);
        });
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A collection: `load()` applies to its items; `items` is readable after load + sync. */
export abstract class SimCollection<T, I extends AnySimObject> extends SimObject<T> {
  /** Proxies for the current items of a resolved collection. */
  abstract _items(t: T): I[];

  get items(): I[] {
    return this._get<I[]>('items');
  }

  override load(arg?: LoadArg): this {
    const parsed = parseLoad(arg, true);
    const bytes = this._bytes('load', arg ?? null);
    this.context._enqueue({
      bytes,
      read: true,
      api: this._api,
      label: `${this._typeName}.load`,
      run: (x) => {
        const t = this._resolve();
        if (t === null) {
          x.applies.push(() => {
            this._isNull = true;
          });
          return;
        }
        const items = this._items(t);
        const loads: Array<Map<string, unknown>> = [];
        for (const item of items) {
          const readers = item._readers();
          const props = parsed.all ? Object.keys(readers) : parsed.props;
          const values = new Map<string, unknown>();
          for (const p of props) {
            const reader = readers[p];
            if (!reader) throw notImplemented(`${item._typeName}.load('${p}')`);
            const v = reader(item._resolve(), x);
            x.respond(v);
            values.set(p, v);
          }
          if (parsed.navs.size > 0) throw notImplemented(`${this._typeName}.load with navigation paths`);
          loads.push(values);
        }
        x.applies.push(() => {
          this._isNull = false;
          items.forEach((item, i) => {
            item._isNull = false;
            for (const [k, v] of loads[i]!) item._loaded.set(k, v);
          });
          this._loaded.set('items', items);
        });
      },
    });
    return this;
  }

  override toJSON(): Record<string, unknown> {
    const items = this._loaded.get('items') as I[] | undefined;
    return { items: items?.map((i) => i.toJSON()) ?? [] };
  }
}

export class SimClientResult<V> {
  private _v: V | undefined;
  private _has = false;
  get value(): V {
    if (!this._has) throw valueNotLoaded();
    return this._v as V;
  }
  _set(v: V): void {
    this._v = v;
    this._has = true;
  }
  toJSON(): { value: V | undefined } {
    return { value: this._v };
  }
}

/** Checks a JSON-wire 2-D array against a range's shape, like Excel does at sync. */
export function checkShape(value: unknown, rows: number, cols: number, what: string): unknown[][] {
  if (!Array.isArray(value) || !value.every((r) => Array.isArray(r))) {
    throw invalidArgument(`${what} must be a two-dimensional array`, what);
  }
  if (value.length !== rows || value.some((r: unknown[]) => r.length !== cols)) {
    throw new SimError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${what}: range is ${rows}x${cols}, array is ${value.length}x${(value[0] as unknown[] | undefined)?.length ?? 0})`,
      what,
    );
  }
  return value as unknown[][];
}
