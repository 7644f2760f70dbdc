// Charts, recorded for inspection only.
import { fullAddress } from '../address';
import { invalidOperation, itemNotFound } from '../errors';
import { type ChartState, type SheetState } from '../model';
import { SimClientResult, SimCollection, SimObject } from '../proxy';
import { resolveAddress } from './rangeRef';
import { Range } from './range';

export class ChartCollection extends SimCollection<SheetState, Chart> {
  readonly _typeName = 'ChartCollection';
  _readers() {
    return { count: (s: SheetState) => s.charts.filter((c) => !c.deleted).length };
  }
  _items(s: SheetState): Chart[] {
    return s.charts.filter((c) => !c.deleted).map((c) => new Chart(this.context, `${this._path}[${JSON.stringify(c.name)}]`, () => c));
  }
  get count(): number {
    return this._get('count');
  }

  add(type: string, sourceData: Range, seriesBy: string = 'Auto'): Chart {
    let created: ChartState | undefined;
    this._call('add', [type, sourceData, seriesBy], (s, x) => {
      const ref = resolveAddress(x.model, sourceData, s, 'ChartCollection.add');
      let n = s.charts.length + 1;
      while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
      created = {
        id: `chart-${x.model.nextId()}`,
        name: `Chart ${n}`,
        type,
        seriesBy,
        source: fullAddress(ref.sheet.name, ref.b),
        title: '',
        deleted: false,
      };
      s.charts = [...s.charts, created];
    });
    return new Chart(this.context, `${this._path}.add()`, () => {
      if (!created) throw invalidOperation('the added chart is not available');
      return created;
    });
  }

  private _find(name: string): ChartState | null {
    const s = this._resolve();
    return s?.charts.find((c) => !c.deleted && c.name === name) ?? null;
  }

  getItem(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => {
      const c = this._find(name);
      if (!c) throw itemNotFound(`chart '${name}'`);
      return c;
    });
  }

  getItemOrNullObject(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this._find(name))._instantiate();
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (s) => s.charts.filter((c) => !c.deleted).length);
  }
}

export class Chart extends SimObject<ChartState> {
  readonly _typeName = 'Chart';
  private _title: ChartTitle | undefined;
  override _validate(c: ChartState): void {
    if (c.deleted) throw itemNotFound(`chart '${c.name}' was deleted`);
  }
  _readers() {
    return { name: (c: ChartState) => c.name, id: (c: ChartState) => c.id, chartType: (c: ChartState) => c.type };
  }
  override _navigation() {
    return { title: () => this.title };
  }
  get id(): string {
    return this._get('id');
  }
  get chartType(): string {
    return this._get('chartType');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (c, _x, wire) => {
      c.name = String(wire);
    });
  }
  get title(): ChartTitle {
    return (this._title ??= new ChartTitle(this.context, `${this._path}.title`, () => this._resolve()));
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._call('setPosition', [startCell, endCell ?? null], (c, x) => {
      const sheet = x.model.liveSheets().find((s) => s.charts.includes(c));
      const a = (v: Range | string) => {
        const ref = resolveAddress(x.model, v, sheet, 'Chart.setPosition');
        return fullAddress(ref.sheet.name, ref.b);
      };
      c.position = { start: a(startCell), ...(endCell !== undefined ? { end: a(endCell) } : {}) };
    });
  }
  delete(): void {
    this._call('delete', [], (c) => {
      c.deleted = true;
    });
  }
}

export class ChartTitle extends SimObject<ChartState> {
  readonly _typeName = 'ChartTitle';
  _readers() {
    return { text: (c: ChartState) => c.title };
  }
  get text(): string {
    return this._get('text');
  }
  set text(v: string) {
    this._set('text', v, (c, _x, wire) => {
      c.title = String(wire ?? '');
    });
  }
}
