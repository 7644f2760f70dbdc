// A workbook file's rows, whichever client read them: choosing the sheet and its header, the
// check, and the push plan. No file library here: reading and writing .xlsx is behind
// @taizhang/client/xlsx.
export * from './address';
export * from './check';
export * from './errors';
export * from './plan';
export * from './types';
