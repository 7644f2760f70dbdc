// The language of what the add-in writes into sheets: English when Office's display language
// is English, Chinese otherwise (a county office's Office, and outside Office). A sheet
// carries one language only; the pane chooses its words the same way.

export type SheetLang = 'zh' | 'en';

export function officeLang(displayLanguage?: string): SheetLang {
  let dl = displayLanguage;
  if (dl === undefined) {
    try {
      dl = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office?.context?.displayLanguage;
    } catch {
      dl = undefined;
    }
  }
  return typeof dl === 'string' && /^en\b/i.test(dl) ? 'en' : 'zh';
}

/** The language a flow writes in: the one it was given, else Office's. */
export const sheetLang = (o: { lang?: SheetLang }): SheetLang => o.lang ?? officeLang();

/** A bilingual message in the sheet's language. */
export const inLang = (m: { zh: string; en: string }, lang: SheetLang): string => (lang === 'en' ? m.en : m.zh);
