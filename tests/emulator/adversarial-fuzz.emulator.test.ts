// Issue #7 part 5, "Bad input": fast-check fuzzing of every callable's payload against the
// real emulators, as a clerk, a coordinator and an administrator.
//
// What is sent: random JSON, wrong types, huge strings, deep nesting, `__proto__` and
// `constructor` keys, NaN (JSON.stringify sends null), ±Infinity (1e400 in the JSON text,
// which JSON.parse reads as Infinity), -0, lone surrogates (`\ud800` escapes), 32,767-character
// cells (Excel's longest), the callable protocol's wrapped numbers
// (`{"@type": "…Int64Value", "value": "…"}`, decoded by firebase-functions, maybe to NaN),
// valid requests with one field broken, valid rows with random cells, and raw HTTP bodies
// that are not the callable protocol at all.
//
// Properties:
// - no answer is INTERNAL, an HTTP 5xx, a hang, or (for a JSON body) anything but the
//   callable protocol; a body that is not even JSON may get the HTTP layer's plain 4xx;
// - every row stored in Firestore parses as valid and canonical with the ledger core's
//   parseRow, and the stored rows are exactly the ones answered `created`;
// - no prototype pollution: after the fuzz, canary calls answer exactly as on a fresh
//   server (a push of an empty row is invalid on every required field, a since-pull finds
//   exactly the new row, …);
// - the functions keep serving.
//
// Reproducing a failure: fast-check prints the seed and path; rerun with
// TAIZHANG_FUZZ_SEED=<seed> (and TAIZHANG_FUZZ_PATH=<path> for the shrunk case).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { getLedger, parseRow, todayInShanghai, type LedgerName } from '@taizhang/ledger';
import { sized, recordFigures, STRESS } from '../support/stress';
import { adminDb, clearFirestore, closeAdmin, functionUrl, makeUser, CALL_TIMEOUT_MS, type TestUser } from './helpers';
import { problem, visit } from './fixtures';

const CALLABLES = [
  'getProfile',
  'pushRows',
  'pullRows',
  'getStats',
  'listNotices',
  'getNotice',
  'generateNotice',
  'lookupTargets',
  'listTargets',
  'markDuplicate',
  'unmarkDuplicate',
  'dismissDuplicate',
] as const;
type Callable = (typeof CALLABLES)[number];
type Role = 'clerk' | 'coordinator' | 'admin';
const ROLES: readonly Role[] = ['clerk', 'coordinator', 'admin'];
const LEDGERS: readonly LedgerName[] = ['problems', 'visits'];

const SEED = process.env.TAIZHANG_FUZZ_SEED ? Number(process.env.TAIZHANG_FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const PATH = process.env.TAIZHANG_FUZZ_PATH;
/** fast-check's parameters: the seed is printed with the figures and in every failure. */
function runs<T>(numRuns: number): fc.Parameters<T> {
  return { numRuns, seed: SEED, ...(PATH !== undefined && { path: PATH }) };
}

// Sizes: the CI run (inside `npm test`) stays well under a minute; the stress run sends thousands.
const N = {
  randomJson: sized(120, 2000),
  almostRight: sized(180, 3000),
  rows: sized(30, 600),
  raw: sized(100, 1500),
};
const TEST_TIMEOUT = sized(120_000, 1_800_000);

let users: Record<Role, TestUser>;
let warmUpSeconds = 0;
let fuzzStarted = 0;

// ---------------------------------------------------------------------------------------
// The wire: JSON text a client could send, including what JSON.stringify cannot express

/** JSON text inserted as is (deep nesting is built as text: no recursion on either side). */
class Raw {
  constructor(readonly text: string) {}
}

/** An object whose keys are all own data properties, `__proto__` included (as JSON.parse makes them). */
function obj(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** JSON text of a wire value: NaN as JSON.stringify sends it (null), ±Infinity as 1e400, -0 as -0. */
function wire(x: unknown): string {
  if (x instanceof Raw) return x.text;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return 'null';
    if (x === Infinity) return '1e400';
    if (x === -Infinity) return '-1e400';
    if (Object.is(x, -0)) return '-0';
    return JSON.stringify(x);
  }
  // Well-formed JSON.stringify writes a lone surrogate as a \udXXX escape.
  if (typeof x === 'string' || typeof x === 'boolean' || x === null) return JSON.stringify(x);
  if (x === undefined) return 'null';
  if (Array.isArray(x)) return `[${x.map(wire).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .map((k) => `${JSON.stringify(k)}:${wire(o[k])}`)
    .join(',')}}`;
}

function describeWire(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

// ---------------------------------------------------------------------------------------
// Arbitraries

const LONG_TYPE = 'type.googleapis.com/google.protobuf.Int64Value';
const ULONG_TYPE = 'type.googleapis.com/google.protobuf.UInt64Value';
const EXCEL_MAX = 32_767;

const arbHugeString = fc.constantFrom(
  'a'.repeat(EXCEL_MAX),
  '榆'.repeat(EXCEL_MAX),
  `${'😀'.repeat((EXCEL_MAX - 1) / 2)}a`,
  ' '.repeat(EXCEL_MAX),
  `${'\ud800'.repeat(EXCEL_MAX)}`,
  `榆次区${'\u3000'.repeat(EXCEL_MAX - 3)}`,
);

const arbNastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u3000',
      '\ud800',
      '\udfff',
      'a\ud800b',
      '\udc00\ud800',
      '\u0000',
      '\ufeff',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '@type',
      'problems',
      'visits',
      'Problems',
      '榆次区',
      '榆次',
      '介休市',
      '市直',
      '入企',
      '进村',
      'county',
      'group',
      '2022-03-24',
      '2022-02-30',
      '0000-01-01',
      '9999-12-31',
      '+275760-09-13',
      '44645',
      '1e400',
      'NaN',
      '-0',
      'Infinity',
      'P-140702-2022-000001',
      'V-140702-2022-000001',
      'eyJjIjp7InMiOjAsIm4iOjB9fQ',
      'eyJ2IjoxfQ',
      '=HYPERLINK("x")',
      '../../etc',
      'a/b',
      '.',
      '..',
      '%2F',
      '<script>',
      "'; DROP",
      '榆次区入企服务第1组',
      'x'.repeat(129),
      'k'.repeat(128),
    ),
  },
  { weight: 1, arbitrary: arbHugeString },
);

const arbNastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    1,
    -1,
    0.5,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    1e21,
    5e-324,
    500,
    501,
    5000,
    5001,
    366,
    367,
    44645,
    100,
    101,
    100_001,
    2022,
  ),
  fc.integer(),
  fc.double(),
);

/** The callable protocol's wrapped numbers: good, NaN, infinite, garbage, unknown types. */
const arbWrapped: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom(LONG_TYPE, ULONG_TYPE, LONG_TYPE, 'type.googleapis.com/google.protobuf.StringValue', 'x', ''),
    fc.oneof(fc.constantFrom<unknown>('1', '-0', '1e400', '-1e400', 'NaN', 'abc', '', '12abc', '5000', null, 3, true), arbNastyString),
  )
  .map(([type, value]) =>
    obj([
      ['@type', type],
      ['value', value],
    ]),
  );

const arbDeep: fc.Arbitrary<Raw> = fc
  .tuple(fc.integer({ min: 20, max: sized(5_000, 100_000) }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, kind]) => {
    if (kind === 'array') return new Raw(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    if (kind === 'object') return new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    return new Raw(`${'{"rows":['.repeat(depth)}${']}'.repeat(depth)}`);
  });

const arbKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '@type',
    'value',
    'data',
    'ledger',
    'rows',
    'key',
    'values',
    'id',
    'baseVersion',
    'withdraw',
    'requestId',
    'filter',
    'since',
    'pageSize',
    'pageToken',
    'groupBy',
    'asOf',
    'limit',
    'date',
    'county',
    'group',
    'status',
    'description',
    'staff',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

const arbScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: arbNastyString },
  { weight: 3, arbitrary: arbNastyNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null) },
);

/** Any JSON a client could send, nasty leaves and keys included. */
const arbAny: fc.Arbitrary<unknown> = fc.letrec<{ any: unknown }>((tie) => ({
  any: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: arbScalar },
    { weight: 1, arbitrary: arbWrapped },
    { weight: 2, arbitrary: fc.array(tie('any'), { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.array(fc.tuple(arbKey, tie('any')), { maxLength: 5 }).map(obj) },
  ),
})).any;

const arbCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: arbScalar },
  { weight: 1, arbitrary: arbWrapped },
  { weight: 1, arbitrary: arbHugeString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, ['榆次区'], obj([['__proto__', { county: '榆次区' }]])) },
  { weight: 1, arbitrary: arbAny },
);

/**
 * Cells for the rows scenario: what the wire carries (a bad wrapped number or a __proto__
 * key refuses the whole push, which the other scenarios cover), so rows get judged.
 */
const arbRowCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: arbScalar },
  { weight: 2, arbitrary: arbHugeString },
  {
    weight: 1,
    arbitrary: fc.constantFrom('3', '-0', '1e400', '2022', '44645', '12abc', '0x10').map((value) =>
      obj([
        ['@type', LONG_TYPE],
        ['value', value],
      ]),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, ['榆次区'], { value: 3 }, obj([['constructor', '榆次区']])) },
);

// ---------------------------------------------------------------------------------------
// Calling, and judging every answer

/** What came back: a callable code (`OK` for a result), or `HTTP <status>` for anything else. */
interface Answer {
  code: string;
  httpStatus: number;
  body: unknown;
  ms: number;
}

const figures = {
  requests: 0,
  answers: {} as Record<string, number>,
  byCallable: {} as Record<string, number>,
  internal: 0,
  http5xx: 0,
  nonCallable: 0,
  hangs: 0,
  slowestMs: 0,
  pushesRefused: 0,
  created: { problems: 0, visits: 0 } as Record<LedgerName, number>,
};
/** Every row id answered `created`, per ledger (a replayed answer repeats an id: a set). */
const createdIds: Record<LedgerName, Set<string>> = { problems: new Set(), visits: new Set() };

interface Send {
  name: Callable | string;
  body: string | undefined;
  token?: string;
  contentType?: string | null;
  method?: string;
  /** Longer only for the warm-up: a function's first call loads it. */
  timeoutMs?: number;
}

async function send(s: Send): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (s.contentType !== null) headers['Content-Type'] = s.contentType ?? 'application/json';
  if (s.token) headers.Authorization = `Bearer ${s.token}`;
  const started = Date.now();
  figures.requests++;
  figures.byCallable[s.name] = (figures.byCallable[s.name] ?? 0) + 1;
  let res: Response;
  try {
    res = await fetch(functionUrl(s.name), {
      method: s.method ?? 'POST',
      headers,
      ...(s.body !== undefined && { body: s.body }),
      signal: AbortSignal.timeout(s.timeoutMs ?? CALL_TIMEOUT_MS),
    });
  } catch (err) {
    figures.hangs++;
    throw new Error(`${s.name}: no answer within ${s.timeoutMs ?? CALL_TIMEOUT_MS} ms (${String(err)}) to ${describeWire(String(s.body))}`);
  }
  const text = await res.text();
  const ms = Date.now() - started;
  figures.slowestMs = Math.max(figures.slowestMs, ms);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  let code = `HTTP ${res.status}`;
  if (typeof body === 'object' && body !== null) {
    const b = body as { result?: unknown; error?: { status?: unknown } };
    if ('result' in b) code = 'OK';
    else if (b.error && typeof b.error.status === 'string') code = b.error.status;
  }
  figures.answers[code] = (figures.answers[code] ?? 0) + 1;
  if (code === 'INTERNAL') figures.internal++;
  if (res.status >= 500) figures.http5xx++;
  if (code.startsWith('HTTP')) figures.nonCallable++;
  return { code, httpStatus: res.status, body, ms };
}

/** Notes every `created` of a pushRows answer and checks its values are valid and canonical. */
function noteCreated(ledger: unknown, answer: Answer): void {
  if (answer.code !== 'OK') return;
  const results = (answer.body as { result?: { results?: unknown } }).result?.results;
  if (!Array.isArray(results)) return;
  for (const r of results as { status: string; id: string; values: Record<string, unknown> }[]) {
    if (r.status !== 'created') continue;
    const name: LedgerName = r.id.startsWith('V-') ? 'visits' : 'problems';
    if (typeof ledger === 'string' && ledger !== name) throw new Error(`created ${r.id} in ${name}, asked for ${ledger}`);
    createdIds[name].add(r.id);
    expectValidRow(name, r.values, `answer ${r.id}`);
  }
}

function expectValidRow(ledger: LedgerName, values: Record<string, unknown>, where: string): void {
  const parsed = parseRow(getLedger(ledger), values, { today: todayInShanghai() });
  if (parsed.errors.length > 0 || JSON.stringify(parsed.values) !== JSON.stringify(values)) {
    throw new Error(
      `${where}: stored values are not valid and canonical: ${JSON.stringify(values).slice(0, 500)} → ${JSON.stringify(parsed.errors.slice(0, 3))}`,
    );
  }
}

/** The property every callable-protocol request shares: a callable answer, never INTERNAL or 5xx. */
function expectCallableAnswer(a: Answer, what: string): void {
  if (a.code === 'INTERNAL' || a.httpStatus >= 500 || a.code.startsWith('HTTP')) {
    throw new Error(`${what} → ${a.code} (HTTP ${a.httpStatus}): ${describeWire(JSON.stringify(a.body))}`);
  }
}

async function call(name: Callable, role: Role, data: unknown): Promise<Answer> {
  const text = `{"data":${wire(data)}}`;
  const a = await send({ name, body: text, token: users[role].token });
  expectCallableAnswer(a, `${name} as ${role} with ${describeWire(text)}`);
  if (name === 'pushRows') noteCreated((data as { ledger?: unknown } | null)?.ledger, a);
  return a;
}

// ---------------------------------------------------------------------------------------
// Requests shaped almost right

function validRequest(name: Callable, ledger: LedgerName): Record<string, unknown> {
  switch (name) {
    case 'getProfile':
      return {};
    case 'pushRows':
      return {
        ledger,
        requestId: randomUUID(),
        rows: [{ key: `fuzz-${randomUUID()}`, values: ledger === 'problems' ? problem() : visit() }],
      };
    case 'pullRows':
      return { ledger, filter: { county: '榆次区' }, pageSize: 10 };
    case 'getStats':
      return { ledger, groupBy: 'county', filter: { county: '榆次区' }, asOf: '2022-06-01' };
    case 'listNotices':
      return { limit: 5 };
    case 'getNotice':
    case 'generateNotice':
      return { date: '2022-06-01' };
    case 'lookupTargets':
      return { targetType: ledger === 'problems' ? '入企' : '进村', query: '强伟', county: '榆次区' };
    case 'listTargets':
      return { targetType: ledger === 'problems' ? '入企' : '进村', county: '榆次区' };
    case 'markDuplicate':
    case 'dismissDuplicate':
      return { ledger: 'problems', id: 'P-140702-2022-000001', of: 'P-140702-2022-000002' };
    case 'unmarkDuplicate':
      return { ledger: 'problems', id: 'P-140702-2022-000001' };
  }
}

/** Every path to a value inside a request ([] is the request itself). */
function pathsOf(x: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(x)) x.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (typeof x === 'object' && x !== null) for (const k of Object.keys(x)) pathsOf((x as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

type Mutation = { op: 'replace'; value: unknown } | { op: 'delete' } | { op: 'addKey'; key: string; value: unknown } | { op: 'wrapArray' } | { op: 'wrapLong' };

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.oneof(arbCell, arbDeep).map((value): Mutation => ({ op: 'replace', value })) },
  { weight: 2, arbitrary: fc.constant<Mutation>({ op: 'delete' }) },
  { weight: 2, arbitrary: fc.tuple(arbKey, arbAny).map(([key, value]): Mutation => ({ op: 'addKey', key, value })) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'wrapArray' }) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'wrapLong' }) },
);

/** A copy of x with the value at path changed (deep copy along the path: own keys only). */
function mutate(x: unknown, path: readonly (string | number)[], m: Mutation): unknown {
  if (path.length === 0) {
    switch (m.op) {
      case 'replace':
        return m.value;
      case 'delete':
        return undefined;
      case 'addKey':
        return typeof x === 'object' && x !== null && !Array.isArray(x)
          ? obj([...Object.entries(x), [m.key, m.value]])
          : obj([
              [m.key, m.value],
              ['value', x],
            ]);
      case 'wrapArray':
        return [x];
      case 'wrapLong':
        return obj([
          ['@type', LONG_TYPE],
          ['value', typeof x === 'number' ? String(x) : x],
        ]);
    }
  }
  const [head, ...rest] = path;
  if (Array.isArray(x)) {
    const copy = [...x];
    const v = mutate(copy[head as number], rest, m);
    if (v === undefined) copy.splice(head as number, 1);
    else copy[head as number] = v;
    return copy;
  }
  const o = x as Record<string, unknown>;
  const entries: [string, unknown][] = [];
  for (const k of Object.keys(o)) {
    const v = k === head ? mutate(o[k], rest, m) : o[k];
    if (v !== undefined) entries.push([k, v]);
  }
  return obj(entries);
}

// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  await clearFirestore();
  const [clerk, coordinator, admin] = await Promise.all([
    makeUser({ email: 'fuzz-clerk@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } }),
    makeUser({ email: 'fuzz-coordinator@taizhang.test', claims: { role: 'coordinator', county: '榆次区' } }),
    makeUser({ email: 'fuzz-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
  users = { clerk: clerk!, coordinator: coordinator!, admin: admin! };
  // One warm call per function first (a function's first call loads it: seconds, not ms),
  // one at a time: seven loading at once on two cores made the Functions emulator give up
  // ("Failed to load function") or take longer than a fuzzed call may.
  const warming = Date.now();
  for (const name of CALLABLES) await send({ name, body: '{"data":{}}', token: users.admin.token, timeoutMs: 60_000 });
  warmUpSeconds = Math.round((Date.now() - warming) / 100) / 10;
  fuzzStarted = Date.now();
  figures.requests = 0;
  figures.answers = {};
  figures.byCallable = {};
}, 180_000);

afterAll(closeAdmin);

describe('adversarial: fuzzing every callable (issue #7, bad input)', () => {
  it(
    'random JSON as the payload of every callable, for every role',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CALLABLES), fc.constantFrom(...ROLES), fc.oneof(arbAny, arbDeep, arbWrapped), async (name, role, data) => {
          await call(name, role, data);
        }),
        runs(N.randomJson),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'valid requests with one field broken: never INTERNAL, and __proto__ never smuggles a field in',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLABLES),
          fc.constantFrom(...ROLES),
          fc.constantFrom(...LEDGERS),
          fc.nat(),
          arbMutation,
          async (name, role, ledger, pick, m) => {
            const base = validRequest(name, ledger);
            const paths = pathsOf(base);
            const path = paths[pick % paths.length]!;
            const data = mutate(base, path, m);
            const a = await call(name, role, data);
            // A `__proto__` key becomes the decoded object's prototype in firebase-functions'
            // decoder; a request carrying one must be refused, never served.
            if (wire(data).includes('"__proto__":') && a.code === 'OK') {
              throw new Error(`${name} served a request with a __proto__ key: ${describeWire(wire(data))}`);
            }
          },
        ),
        runs(N.almostRight),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'valid rows with random cells: each row judged on its own, only valid rows stored',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROLES),
          fc.constantFrom(...LEDGERS),
          fc.array(fc.array(fc.tuple(fc.nat(), arbRowCell), { maxLength: 3 }), { minLength: 1, maxLength: sized(8, 60) }),
          async (role, ledger, rowCells) => {
            const fields = getLedger(ledger).fields.map((f) => f.key);
            const rows = rowCells.map((cells) => {
              const base: Record<string, unknown> = ledger === 'problems' ? problem() : visit();
              const entries: [string, unknown][] = Object.entries(base);
              for (const [i, v] of cells) {
                const field = fields[i % fields.length]!;
                const at = entries.findIndex(([k]) => k === field);
                if (at >= 0) entries[at] = [field, v];
                else entries.push([field, v]);
              }
              return { key: `fuzz-${randomUUID()}`, values: obj(entries) };
            });
            const a = await call('pushRows', role, { ledger, requestId: randomUUID(), rows });
            if (a.code !== 'OK') {
              // A whole push may be refused only as invalid-argument (a cell the wire cannot
              // carry, such as a bad wrapped number or a __proto__ key; or over 4 MiB).
              if (a.code !== 'INVALID_ARGUMENT') {
                throw new Error(`pushRows refused well-formed rows: ${a.code} ${JSON.stringify(a.body).slice(0, 300)}`);
              }
              figures.pushesRefused++;
              return;
            }
            const results = (a.body as { result: { results: { key: string; status: string }[] } }).result.results;
            if (results.length !== rows.length || results.some((r, i) => r.key !== rows[i]!.key)) {
              throw new Error('pushRows: one answer per row, in order');
            }
            for (const r of results) {
              if (!['created', 'invalid', 'forbidden'].includes(r.status)) throw new Error(`unexpected status ${JSON.stringify(r)}`);
            }
          },
        ),
        runs(N.rows),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'raw HTTP bodies that are not the callable protocol: a 4xx, never a 5xx or a hang',
    async () => {
      const valid = wire({ data: validRequest('pullRows', 'problems') });
      const arbBody = fc.oneof(
        // Malformed JSON: a valid body cut short, or with junk after it.
        fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
        fc.string({ unit: 'binary', maxLength: 20 }).map((junk) => `${valid}${junk}x`),
        fc.string({ unit: 'binary', maxLength: 200 }),
        // JSON, but not {"data": …}: missing data, extra fields, non-object bodies.
        arbAny.map((x) => wire(x)),
        arbAny.map((x) => wire(obj([['notData', x]]))),
        arbAny.map((x) =>
          wire(
            obj([
              ['data', {}],
              ['extra', x],
            ]),
          ),
        ),
        fc.constantFrom(
          '{}',
          '[]',
          'null',
          '0',
          '"data"',
          'true',
          '{"data":{}',
          '{"data":{}}}',
          '\ufeff{"data":{}}',
          '{"data":{},"data":{"ledger":"problems"}}',
          '{"__proto__":{"data":{}}}',
          '{"data":undefined}',
        ),
      );
      const arbContentType = fc.constantFrom<string | null>(
        'application/json',
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        null,
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'APPLICATION/JSON',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLABLES),
          fc.constantFrom(...ROLES),
          arbBody,
          arbContentType,
          fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'GET', 'DELETE'),
          async (name, role, body, contentType, method) => {
            const withBody = method !== 'GET';
            const a = await send({ name, body: withBody ? body : undefined, token: users[role].token, contentType, method });
            const what = `${method} ${name} as ${role}, ${contentType ?? 'no content type'}: ${describeWire(body)}`;
            if (a.httpStatus >= 500 || a.code === 'INTERNAL') throw new Error(`${what} → ${a.code} (HTTP ${a.httpStatus})`);
            // What the HTTP layer parses (an object or array in UTF-8 JSON) always gets the
            // callable protocol's answer. Only a body it cannot parse as JSON (malformed, a bare
            // scalar in strict mode, another charset) may get its plain 400, before any code of ours.
            let parsedByHttpLayer = false;
            try {
              JSON.parse(body);
              parsedByHttpLayer = /^\s*[[{]/.test(body);
            } catch {
              parsedByHttpLayer = false;
            }
            const jsonType = contentType !== null && /^application\/json\s*(;|$)/i.test(contentType);
            const utf8 = contentType === null || !/charset=(?!utf-8)/i.test(contentType);
            const mayBeRefusedByHttp = withBody && jsonType && !(parsedByHttpLayer && utf8);
            if (a.code.startsWith('HTTP') && !mayBeRefusedByHttp) {
              throw new Error(`${what} → not a callable answer: HTTP ${a.httpStatus} ${describeWire(String(a.body))}`);
            }
            if (a.code.startsWith('HTTP') && a.httpStatus !== 400) throw new Error(`${what} → HTTP ${a.httpStatus}`);
          },
        ),
        runs(N.raw),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'afterwards: every stored row is valid and was answered created, and the functions serve as before',
    async () => {
      // Firestore, read directly: no invalid row, no row nobody was told about.
      let invalidStored = 0;
      let unannounced = 0;
      const stored: Record<LedgerName, number> = { problems: 0, visits: 0 };
      for (const ledger of LEDGERS) {
        const snap = await adminDb().collection(ledger).get();
        stored[ledger] = snap.size;
        for (const d of snap.docs) {
          try {
            expectValidRow(ledger, d.get('values') as Record<string, unknown>, `${ledger}/${d.id}`);
          } catch (err) {
            invalidStored++;
            if (invalidStored <= 5) console.error(String(err));
          }
          if (!createdIds[ledger].has(d.id)) unannounced++;
        }
        figures.created[ledger] = createdIds[ledger].size;
      }

      // Prototype pollution shows as inherited fields: a row with no values would then find a
      // county or a description; a since-pull's in-memory filter (for…in) would drop rows.
      expect(Object.keys(Object.prototype)).toEqual([]);
      // Before the canaries: their own pushes are not part of the fuzz's figures.
      const fuzzCreated = figures.created.problems + figures.created.visits;
      const canaries = await canaryCalls().catch((err: unknown) => {
        console.error(String(err));
        return -1;
      });

      recordFigures('fuzz-callables', {
        seed: SEED,
        requests: figures.requests,
        answers: figures.answers,
        byCallable: figures.byCallable,
        internal: figures.internal,
        http5xx: figures.http5xx,
        nonCallableAnswers: figures.nonCallable,
        hangs: figures.hangs,
        slowestMs: figures.slowestMs,
        rowPushesRefusedWhole: figures.pushesRefused,
        rowsCreated: fuzzCreated,
        rowsStored: stored.problems + stored.visits,
        rowsStoredFromInvalidInput: invalidStored,
        rowsStoredNeverAnsweredCreated: unannounced,
        canariesPassed: canaries,
        warmUpSeconds,
        fuzzSeconds: Math.round((Date.now() - fuzzStarted) / 100) / 10,
      });
      expect(invalidStored).toBe(0);
      expect(unannounced).toBe(0);
      expect(stored).toEqual({ problems: figures.created.problems, visits: figures.created.visits });
      expect(canaries).toBe(6);
      expect(figures.internal).toBe(0);
      expect(figures.http5xx).toBe(0);
      expect(figures.hangs).toBe(0);
    },
    TEST_TIMEOUT,
  );
});

/** Ordinary calls whose exact answers a polluted or broken server would get wrong; returns how many passed. */
async function canaryCalls(): Promise<number> {
  const ok = async <T>(name: Callable, role: Role, data: unknown): Promise<T> => {
    const a = await call(name, role, data);
    if (a.code !== 'OK') throw new Error(`canary ${name} as ${role} failed: ${a.code} ${JSON.stringify(a.body).slice(0, 300)}`);
    return (a.body as { result: T }).result;
  };
  let passed = 0;

  expect(await ok('getProfile', 'clerk', {})).toEqual({
    uid: users.clerk.uid,
    email: users.clerk.email,
    role: 'clerk',
    county: '榆次区',
    group: '榆次区入企服务第1组',
  });
  passed++;

  // An empty row as an admin (no group default): invalid on exactly the required fields.
  const required = getLedger('problems')
    .fields.filter((f) => f.required === true)
    .map((f) => f.key)
    .sort();
  const empty = await ok<{ results: { status: string; errors: { field: string; code: string }[] }[] }>('pushRows', 'admin', {
    ledger: 'problems',
    requestId: randomUUID(),
    rows: [{ key: `canary-${randomUUID()}`, values: {} }],
  });
  expect(empty.results[0]!.status).toBe('invalid');
  expect(
    empty.results[0]!.errors.filter((e) => e.code === 'required')
      .map((e) => e.field)
      .sort(),
  ).toEqual(required);
  passed++;

  const before = await ok<{ cursor: string }>('pullRows', 'coordinator', { ledger: 'problems' });
  const key = `canary-${randomUUID()}`;
  const pushed = await ok<{ results: { status: string; id: string }[] }>('pushRows', 'clerk', {
    ledger: 'problems',
    requestId: randomUUID(),
    rows: [{ key, values: problem() }],
  });
  expect(pushed.results[0]!.status).toBe('created');
  passed++;
  const since = await ok<{ rows: { id: string; key: string }[] }>('pullRows', 'coordinator', { ledger: 'problems', since: before.cursor });
  expect(since.rows.map((r) => r.key)).toEqual([key]);
  passed++;

  const statsAnswer = await ok<{ totals: { total: number } }>('getStats', 'admin', { ledger: 'problems', groupBy: 'county' });
  const all = await adminDb().collection('problems').where('withdrawn', '==', false).count().get();
  expect(statsAnswer.totals.total).toBe(all.data().count);
  passed++;

  // Notices are generated for today only: a past day's is a record, never computed again.
  const today = todayInShanghai();
  const notice = await ok<{ date: string }>('generateNotice', 'admin', { date: today });
  expect(notice.date).toBe(today);
  expect((await ok<{ date: string }>('getNotice', 'coordinator', { date: today })).date).toBe(today);
  expect((await ok<{ notices: unknown[] }>('listNotices', 'admin', {})).notices.length).toBeGreaterThan(0);
  passed++;
  if (STRESS) console.log(`[fuzz] seed ${SEED}`);
  return passed;
}
