// The add-in's modules without UI: the Excel layer, the API client and the engine.
export * from './api';
export * from './engine';
export { officeHost, type ExcelHost } from './excel/host';
