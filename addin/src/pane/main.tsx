// The task pane's entry: waits for Office, then renders the pane over the real Excel host.

import { createRoot } from 'react-dom/client';
import { officeHost } from '../excel/host';
import { App } from './App';
import { paneConfig } from './config';
import { firebaseBackend } from './firebase';
import { detectLang } from './i18n';

function mount(): void {
  const el = document.getElementById('root');
  if (!el) return;
  const lang = detectLang();
  document.documentElement.lang = lang === 'en' ? 'en-US' : 'zh-CN';
  createRoot(el).render(<App host={officeHost()} backend={firebaseBackend(paneConfig())} lang={lang} />);
}

void Office.onReady(() => mount());
