// What firebase-functions' callable decoder cannot take, found before it runs, and the
// decoding itself for what it can.
//
// The SDK decodes `data` (common/providers/https.js, decode) before our handler is called,
// and answers INTERNAL — "a bug or an outage" in docs/api.md#calling — for what is plainly bad input:
// an object with an `@type` other than the two wrapped integers, a wrapped integer whose
// value is not a number, or nesting deep enough to overflow its recursion. It also copies
// keys by assignment, so a `__proto__` key becomes the decoded object's prototype and its
// fields look inherited-but-present to a schema. This walk finds all four in the raw JSON
// (iteratively: no depth can overflow it), so the callable can refuse the request as
// invalid-argument instead. api/callable.ts runs it only once the caller is signed in.

import { quote, type Bilingual } from '@taizhang/ledger';

/** Deeper than any request of docs/api.md (data → rows → row → values → cell is 5) by far. */
export const MAX_DEPTH = 32;

const LONG_TYPES = new Set(['type.googleapis.com/google.protobuf.Int64Value', 'type.googleapis.com/google.protobuf.UInt64Value']);

const texts = {
  tooDeep: (where: string, max: number): Bilingual => ({
    zh: `请求嵌套过深（${where} 超过 ${max} 层）`,
    en: `The request is nested too deeply (${where} is more than ${max} levels down)`,
  }),
  protoKey: (where: string): Bilingual => ({
    zh: `请求中不能有名为 __proto__ 的键（${where}）`,
    en: `The request may not contain a key named __proto__ (${where})`,
  }),
  wrappedType: (where: string, type: unknown): Bilingual => ({
    zh: `无法识别的包装值类型“${quote(type)}”（${where}）`,
    en: `Unknown wrapped value type "${quote(type)}" (${where})`,
  }),
  wrappedNumber: (where: string, value: unknown): Bilingual => ({
    zh: `包装的整数“${quote(value)}”不是数字（${where}）`,
    en: `The wrapped integer "${quote(value)}" is not a number (${where})`,
  }),
};

/** A path for a message: a key can be any text a client sent, so a long one is shortened. */
function step(where: string, key: string | number): string {
  return `${where}.${typeof key === 'string' && key.length > 30 ? quote(key) : key}`;
}

/** An object or array being walked: its keys (objects) and how far the walk has got. */
interface Frame {
  readonly value: Record<string, unknown> | unknown[];
  readonly keys: string[] | undefined;
  next: number;
}

/** Where the walk is: the key or index taken in each open frame, then `last` when given. */
function pathOf(frames: readonly Frame[], last?: string | number): string {
  let where = 'data';
  for (const f of frames) where = step(where, f.keys ? f.keys[f.next - 1]! : f.next - 1);
  return last === undefined ? where : step(where, last);
}

/**
 * The first thing in a request's raw `data` the SDK's decoder would fail on or misread, or
 * undefined. Iterative, and its memory grows with the nesting only (one frame per open
 * object or array, at most MAX_DEPTH + 1): the path of a problem is put together only when
 * there is one, never a string per element.
 */
export function wireProblem(data: unknown): Bilingual | undefined {
  const frames: Frame[] = [];
  /** Checks one value about to be entered; opens a frame for an object or array to descend into. */
  const enter = (value: unknown): Bilingual | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    if (frames.length > MAX_DEPTH) return texts.tooDeep(pathOf(frames), MAX_DEPTH);
    if (Array.isArray(value)) {
      frames.push({ value, keys: undefined, next: 0 });
      return undefined;
    }
    const o = value as Record<string, unknown>;
    // Checked as the decoder does (a truthy `@type`), which then stops descending.
    if (o['@type']) {
      if (typeof o['@type'] !== 'string' || !LONG_TYPES.has(o['@type'])) return texts.wrappedType(pathOf(frames), o['@type']);
      if (Number.isNaN(parseFloat(String(o.value)))) return texts.wrappedNumber(pathOf(frames), o.value);
      return undefined;
    }
    const keys = Object.keys(o);
    if (keys.includes('__proto__')) return texts.protoKey(pathOf(frames, '__proto__'));
    frames.push({ value: o, keys, next: 0 });
    return undefined;
  };
  let problem = enter(data);
  while (problem === undefined && frames.length > 0) {
    const top = frames[frames.length - 1]!;
    const size = top.keys ? top.keys.length : (top.value as unknown[]).length;
    if (top.next >= size) {
      frames.pop();
      continue;
    }
    const child = top.keys ? (top.value as Record<string, unknown>)[top.keys[top.next]!] : (top.value as unknown[])[top.next];
    top.next++;
    problem = enter(child);
  }
  return problem;
}

/**
 * `data` as the SDK's decoder makes it (a wrapped integer becomes its number), for data that
 * wireProblem found nothing wrong with: its nesting is bounded, so recursion is safe here.
 */
export function decodeWire(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  if (Array.isArray(data)) return data.map(decodeWire);
  const o = data as Record<string, unknown>;
  if (o['@type']) return parseFloat(String(o.value));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = decodeWire(o[k]);
  return out;
}
