// @taizhang/client: what every client of Taizhang shares — the add-in, the command line and
// any later web page. The callable API client, and the sync core: over a neutral sheet (a
// header, rows of cells, the system columns) it makes every client decision of a push and a
// pull and hands back cell writes and a report; a client only reads cells in, writes them
// out and shows the report.
export * from './api';
export * from './sheet/cells';
export * from './sheet/model';
export * from './sync/conflict';
export * from './sync/fingerprint';
export * from './sync/identity';
export * from './sync/rowKeys';
export * from './sync/outcome';
export * from './sync/plan';
export * from './sync/answers';
export * from './sync/settle';
export * from './sync/report';
export * from './sync/list';
export * from './sync/rights';
export * from './workbook';
export * from './sync/pullList';
export * from './sync/registry';
export * from './sync/notice';
