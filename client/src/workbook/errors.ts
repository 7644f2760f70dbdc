// A workbook file that cannot be used (not an .xlsx, no ledger in it, a required column
// missing): the reason in Chinese and English, for each client to show its own way.

export class WorkbookError extends Error {
  readonly zh: string;
  readonly en: string;

  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.name = 'WorkbookError';
    this.zh = zh;
    this.en = en;
  }
}
