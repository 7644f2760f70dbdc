// The task pane's entry: waits for Office, checks the host has the requirement set the pane
// needs (else says so in both languages), then renders the pane over the real Excel host.

import { createRoot } from 'react-dom/client';
import { officeHost } from '../excel/host';
import { App } from './App';
import { paneConfig } from './config';
import { firebaseBackend } from './firebase';
import { detectLang } from './i18n';
import { missingSets, officeIsSetSupported, showHostTooOld } from './requirements';

function mount(): void {
  const el = document.getElementById('root');
  // guard.js has already told the clerk this webview cannot run the pane.
  if (!el || (window as { __TZ_WEBVIEW_TOO_OLD__?: boolean }).__TZ_WEBVIEW_TOO_OLD__) return;
  const lang = detectLang();
  document.documentElement.lang = lang === 'en' ? 'en-US' : 'zh-CN';
  const missing = missingSets(officeIsSetSupported());
  if (missing.length > 0) {
    showHostTooOld(el, missing);
    return;
  }
  createRoot(el).render(<App host={officeHost()} backend={firebaseBackend(paneConfig())} lang={lang} />);
}

void Office.onReady(() => mount());
