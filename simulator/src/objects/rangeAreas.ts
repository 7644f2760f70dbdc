// RangeAreas, as getMergedAreasOrNullObject answers it (ExcelApi 1.13): the address of
// every area, their count and their cells.
import { type Bounds, cellCount, fullAddress } from '../address';
import type { SheetState } from '../model';
import { SimError } from '../errors';
import { SimObject } from '../proxy';

export interface AreasRef {
  sheet: SheetState;
  areas: Bounds[];
}

/** Excel fails the request when a range holds more merged areas than this. */
export const MAX_MERGED_AREAS = 512;

export class RangeAreas extends SimObject<AreasRef> {
  readonly _typeName = 'RangeAreas';
  override readonly _api = '1.13';

  override _validate(t: AreasRef): void {
    if (t.areas.length > MAX_MERGED_AREAS) {
      throw new SimError(
        'GeneralException',
        `There was an internal error while processing the request. (more than ${MAX_MERGED_AREAS} merged areas)`,
        'Range.getMergedAreasOrNullObject',
      );
    }
  }

  _readers() {
    return {
      address: (t: AreasRef) => t.areas.map((b) => fullAddress(t.sheet.name, b)).join(','),
      areaCount: (t: AreasRef) => t.areas.length,
      cellCount: (t: AreasRef) => t.areas.reduce((n, b) => n + cellCount(b), 0),
    };
  }

  get address(): string {
    return this._get('address');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
}
