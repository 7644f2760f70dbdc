// The web page's entry (web.html): for everyone without the add-in (WPS, older Office). The
// same sign-in and backend as the task pane; no Office.js.

import { createRoot } from 'react-dom/client';
import { paneConfig } from '../pane/config';
import { firebaseBackend } from '../pane/firebase';
import { browserLang } from './i18n';
import { WebApp } from './WebApp';

const el = document.getElementById('root');
if (el) {
  const lang = browserLang(navigator.language, location.search);
  document.documentElement.lang = lang === 'en' ? 'en-US' : 'zh-CN';
  document.title = lang === 'en' ? 'Taizhang on the web' : '台账网页版';
  createRoot(el).render(<WebApp backend={firebaseBackend(paneConfig())} lang={lang} />);
}
