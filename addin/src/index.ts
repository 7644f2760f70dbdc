// The add-in's modules without UI: the Excel layer and the engine (the API client and the
// sync core are @taizhang/client's).
export * from './engine';
export { officeHost, type ExcelHost } from './excel/host';
