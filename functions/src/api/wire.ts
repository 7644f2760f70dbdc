// What firebase-functions' callable decoder cannot take, found before it runs.
//
// The SDK decodes `data` (common/providers/https.js, decode) before our handler is called,
// and answers INTERNAL — "a bug or an outage" in docs/api.md#calling — for what is plainly bad input:
// an object with an `@type` other than the two wrapped integers, a wrapped integer whose
// value is not a number, or nesting deep enough to overflow its recursion. It also copies
// keys by assignment, so a `__proto__` key becomes the decoded object's prototype and its
// fields look inherited-but-present to a schema. This walk finds all four in the raw JSON
// (iteratively: no depth can overflow it), so the callable can refuse the request as
// invalid-argument instead.

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

/** The first thing in a request's raw `data` the SDK's decoder would fail on or misread, or undefined. */
export function wireProblem(data: unknown): Bilingual | undefined {
  const stack: { value: unknown; where: string; depth: number }[] = [{ value: data, where: 'data', depth: 0 }];
  while (stack.length > 0) {
    const { value, where, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return texts.tooDeep(where, MAX_DEPTH);
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, where: step(where, i), depth: depth + 1 }));
      continue;
    }
    const o = value as Record<string, unknown>;
    // Checked as the decoder does (a truthy `@type`), which then stops descending.
    if (o['@type']) {
      if (typeof o['@type'] !== 'string' || !LONG_TYPES.has(o['@type'])) return texts.wrappedType(where, o['@type']);
      if (Number.isNaN(parseFloat(String(o.value)))) return texts.wrappedNumber(where, o.value);
      continue;
    }
    for (const k of Object.keys(o)) {
      if (k === '__proto__') return texts.protoKey(step(where, k));
      stack.push({ value: o[k], where: step(where, k), depth: depth + 1 });
    }
  }
  return undefined;
}
