import { notImplemented } from '../errors';
import { type WorkbookModel } from '../model';
import { SimObject } from '../proxy';
import { dateToSerial } from '../values';

interface FunctionValue {
  value: number | null;
  error: string | null;
}

export class FunctionResult extends SimObject<FunctionValue> {
  readonly _typeName = 'FunctionResult';
  override readonly _api = '1.2';
  _readers() {
    return { value: (t: FunctionValue) => t.value, error: (t: FunctionValue) => t.error };
  }
  get value(): number {
    return this._get('value');
  }
  get error(): string {
    return this._get('error');
  }
}

export class Functions extends SimObject<WorkbookModel> {
  readonly _typeName = 'Functions';
  override readonly _api = '1.2';
  _readers() {
    return {};
  }
  /** DATE(year, month, day) as the workbook's date system counts it; before its epoch, #NUM!. */
  date(year: number, month: number, day: number): FunctionResult {
    return new FunctionResult(this.context, `${this._path}.date(${year},${month},${day})`, () => {
      const m = this._resolve();
      if (!m) return null;
      if (![year, month, day].every((n) => typeof n === 'number' && Number.isFinite(n))) {
        throw notImplemented('Functions.date with arguments other than numbers');
      }
      const serial = dateToSerial(year, month, day, 0, 0, 0, m.date1904);
      return serial < 0 ? { value: null, error: '#NUM!' } : { value: serial, error: null };
    });
  }
}
