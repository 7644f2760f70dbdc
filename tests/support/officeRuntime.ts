// The real Office.js runtime (`@microsoft/office-js`, dist/excel-web-16.00.js) in a Node `vm`,
// with the few browser and OSF globals it touches stubbed. Each batch's request body is built
// by its own RequestContext, exactly as Excel receives it; a fake host answers it by replaying
// the request on the Excel simulator. Request and answer are measured as UTF-8 bytes of the
// JSON on the wire, each on its own, as Excel on the web limits them.

import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type { ExcelHost } from '../../addin/src/excel/host';
import type { SimulatedExcel } from '@taizhang/excel-simulator';

const RUNTIME = require.resolve('@microsoft/office-js/dist/excel-web-16.00.js');

/** The runtime's globals: `Excel` and `OfficeExtension`, as a browser page would see them. */
export interface OfficeRuntime {
  readonly Excel: { RequestContext: new () => Excel.RequestContext };
}

let loaded: OfficeRuntime | undefined;

export function loadOfficeRuntime(): OfficeRuntime {
  if (loaded) return loaded;
  const noop = () => {};
  const element = () => ({ style: {}, setAttribute: noop, appendChild: noop, addEventListener: noop });
  const win: Record<string, unknown> = {
    location: { protocol: 'https:', href: 'https://localhost:3000/taskpane.html', search: '', hash: '', host: 'localhost:3000' },
    navigator: { userAgent: 'Node', language: 'zh-CN' },
    document: {
      readyState: 'complete',
      cookie: '',
      addEventListener: noop,
      removeEventListener: noop,
      getElementsByTagName: () => [],
      querySelector: () => null,
      createElement: element,
    },
    addEventListener: noop,
    removeEventListener: noop,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    console,
    // The runtime brings its own Promise polyfill only where none exists.
    Promise,
    JSON,
    Math,
    Date,
    Error,
    TypeError,
    Array,
    Object,
    String,
    Number,
    Boolean,
    RegExp,
    OSF: {},
  };
  win.window = win;
  win.self = win;
  win.top = win;
  win.parent = win;
  vm.runInContext(readFileSync(RUNTIME, 'utf8'), vm.createContext(win), { filename: 'excel-web-16.00.js' });
  if (typeof (win.Excel as { RequestContext?: unknown } | undefined)?.RequestContext !== 'function') {
    throw new Error('excel-web-16.00.js loaded without Excel.RequestContext');
  }
  loaded = { Excel: win.Excel as OfficeRuntime['Excel'] };
  return loaded;
}

/** One round trip as Excel would see it. */
export interface WireExchange {
  readonly requestBytes: number;
  readonly answerBytes: number;
  readonly actions: number;
}

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[] };
}

interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The request replayed on the simulator; the answer shaped as Excel's (PascalCase properties). */
async function replay(sim: SimulatedExcel, body: RequestBody): Promise<{ Results: { ActionId: number; Value: unknown }[] }> {
  return sim.run(async (context) => {
    const objects = new Map<number, Any>();
    const objectOf = (id: number): Any => {
      if (objects.has(id)) return objects.get(id);
      const p = body.ObjectPaths[String(id)];
      if (!p) throw new Error(`object path ${id} missing from the request`);
      const args = () => argumentsOf(p.ArgumentInfo);
      let o: Any;
      switch (p.ObjectPathType) {
        case 1:
          o = context.workbook;
          break; // the global object
        case 4:
          o = objectOf(p.ParentObjectPathId!)[camel(p.Name)];
          break; // property
        case 3:
          o = objectOf(p.ParentObjectPathId!)[camel(p.Name)](...args());
          break; // method
        case 5:
          o = objectOf(p.ParentObjectPathId!).getItem(...args());
          break; // indexer
        default:
          throw new Error(`object path type ${p.ObjectPathType} (${p.Name}) not replayed`);
      }
      objects.set(id, o);
      return o;
    };
    const argumentsOf = (info: ActionInfo['ArgumentInfo']): unknown[] => {
      const list = info?.Arguments ?? [];
      return list.map((a, i) => {
        const ref = info?.ReferencedObjectPathIds?.[i];
        return ref ? objectOf(ref) : a;
      });
    };
    const answers: { id: number; value: () => unknown }[] = [];
    for (const a of body.Actions) {
      switch (a.ActionType) {
        case 1: {
          // instantiate: the object exists (or is a null object)
          const o = objectOf(a.ObjectPathId);
          answers.push({ id: a.Id, value: () => (o._isNull === true ? null : {}) });
          break;
        }
        case 2: {
          // query (load)
          const o = objectOf(a.ObjectPathId);
          const select = a.QueryInfo?.Select ?? [];
          const isCollection = 'items' in Object.getPrototypeOf(o);
          o.load(select.length > 0 ? select : undefined);
          answers.push({
            id: a.Id,
            value: () => {
              if (o._isNull === true) return null;
              const shape = (x: Any) =>
                Object.fromEntries([...(x._loaded as Map<string, unknown>)].filter(([k]) => k !== 'items').map(([k, v]) => [pascal(k), v]));
              return isCollection ? { _Items: (o.items as Any[]).map(shape) } : shape(o);
            },
          });
          break;
        }
        case 3: {
          // method
          const target = objectOf(a.ObjectPathId);
          // Office.js's own checks before a large write (_ValidateArraySize): Excel answers nothing.
          if (a.Name.startsWith('_')) break;
          if (typeof target[camel(a.Name)] !== 'function') throw new Error(`method ${a.Name} not replayed on ${target._typeName}`);
          const result = target[camel(a.Name)](...argumentsOf(a.ArgumentInfo));
          answers.push({ id: a.Id, value: () => (result && typeof result === 'object' && '_set' in result ? result.value : null) });
          break;
        }
        case 4: // set property
          objectOf(a.ObjectPathId)[camel(a.Name)] = argumentsOf(a.ArgumentInfo)[0];
          break;
        default:
          break; // traces and the like carry nothing for Excel to do here
      }
    }
    await context.sync();
    return { Results: answers.map((x) => ({ ActionId: x.id, Value: x.value() })) };
  });
}

export interface RuntimeHost extends ExcelHost {
  readonly exchanges: WireExchange[];
  largest(): { request: number; answer: number };
}

/**
 * An ExcelHost whose batches go through the real Office.js runtime: the flows' code runs
 * unchanged, office.js builds each request, the simulator answers it.
 */
export function officeRuntimeHost(sim: SimulatedExcel): RuntimeHost {
  const { Excel: RuntimeExcel } = loadOfficeRuntime();
  const exchanges: WireExchange[] = [];
  const executor = {
    async executeAsync(_customData: unknown, _flags: number, message: { Body: RequestBody }) {
      const requestBytes = Buffer.byteLength(JSON.stringify(message.Body), 'utf8');
      try {
        const answer = await replay(sim, message.Body);
        const answerBytes = Buffer.byteLength(JSON.stringify(answer), 'utf8');
        exchanges.push({ requestBytes, answerBytes, actions: message.Body.Actions.length });
        return { HttpStatusCode: 200, ErrorCode: null, ErrorMessage: null, Headers: {}, Body: answer };
      } catch (e) {
        const err = e as { code?: string; message?: string };
        if (process.env.TZ_TRACE_REPLAY) console.error('replay failed:', err.code, err.message);
        exchanges.push({ requestBytes, answerBytes: 0, actions: message.Body.Actions.length });
        return {
          HttpStatusCode: 200,
          ErrorCode: null,
          ErrorMessage: null,
          Headers: {},
          Body: { Error: { Code: err.code ?? 'GeneralException', Message: err.message ?? String(e), HttpStatusCode: 400, Location: '' } },
        };
      }
    },
  };
  return {
    exchanges,
    largest: () => ({
      request: Math.max(0, ...exchanges.map((x) => x.requestBytes)),
      answer: Math.max(0, ...exchanges.map((x) => x.answerBytes)),
    }),
    isSetSupported: (name, version) => sim.isSetSupported(name, version),
    async run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
      const ctx = new RuntimeExcel.RequestContext() as Excel.RequestContext & { _requestExecutor: unknown };
      ctx._requestExecutor = executor;
      const result = await batch(ctx);
      await ctx.sync(); // Excel.run sends what the batch left queued
      return result;
    },
  };
}
