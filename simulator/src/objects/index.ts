/**
 * The simulated Excel client objects, one module per family: Workbook, Worksheet(s), Range and
 * its format, DataValidation, Table(s) with rows, columns and sort, comments, notes, charts,
 * freeze panes. Each mirrors the member names of `Excel.*` in @types/office-js; members not
 * listed throw "not implemented in the simulator".
 */
export * from './range';
export * from './rangeAreas';
export * from './dataValidation';
export * from './worksheet';
export * from './tables';
export * from './annotations';
export * from './charts';
export * from './functions';
export * from './workbook';
export type { RangeRef } from './rangeRef';
export type { LoadArg } from '../proxy';
