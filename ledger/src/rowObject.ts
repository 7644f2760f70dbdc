// The object a row's values are put in, made so that V8 keeps every one of them in the object
// itself. Purely a matter of memory: what it makes is a plain object to every check JavaScript
// code can make (its prototype is Object.prototype; only DevTools and heap snapshots name it
// RowValues), and other engines make ordinary objects.
//
// The parser adds a row's values key by key, in ledger order, for the fields that hold one.
// An object made by `{}` has room in itself for 4 properties and keeps the rest in a separate
// array, which it outgrows and copies 3 properties at a time: on Node about 500 bytes
// allocated for a full problems row (19 fields), where an object with room for them all takes
// 176. That was half of what building a row's result allocated, and 5 % of the time to judge
// a sheet (bench/ledger.bench.ts).
//
// V8 sizes the objects a constructor makes by the `this.name =` assignments in its body,
// whether or not they run, and after the first few objects shrinks them to the most
// properties any of those few was given ("slack tracking"). So the constructor names 24
// assignments, to which V8 adds 8: room for 32 fields, more than a ledger has (one with more
// keeps the rest outside the object, as `{}` does). They sit in a branch that never runs, on a
// parameter, so that no bundler drops them. Each ledger gets a constructor of its own whose
// first objects are given all of its fields.

type RowObject = Record<string, unknown>;

/** Makes empty row objects with room in themselves for a ledger's fields. */
export type RowObjectMaker = new () => RowObject;

/** V8's slack tracking ends after 7 objects (Map::kSlackTrackingCounterStart); a few more are harmless. */
const FIRST_OBJECTS = 10;

export function rowObjectMaker(keys: readonly string[]): RowObjectMaker {
  function RowValues(this: RowObject, never?: true): void {
    if (never) {
      // Read by V8's parser, never run.
      this.f0 = this.f1 = this.f2 = this.f3 = undefined;
      this.f4 = this.f5 = this.f6 = this.f7 = undefined;
      this.f8 = this.f9 = this.f10 = this.f11 = undefined;
      this.f12 = this.f13 = this.f14 = this.f15 = undefined;
      this.f16 = this.f17 = this.f18 = this.f19 = undefined;
      this.f20 = this.f21 = this.f22 = this.f23 = undefined;
    }
  }
  RowValues.prototype = Object.prototype;
  const Maker = RowValues as unknown as RowObjectMaker;
  for (let i = 0; i < FIRST_OBJECTS; i++) {
    const o = new Maker();
    for (const k of keys) o[k] = '';
  }
  return Maker;
}
