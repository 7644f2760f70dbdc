// Loaded before the pane's bundle, and written in ES5 so that every webview parses it: when
// the webview cannot run the pane (Internet Explorer 11 or the old Edge that older Office
// builds host the pane in), the clerk reads in Chinese and English what to update and how
// to keep working meanwhile, instead of a blank pane. A page of its own, so its text is here.
(function () {
  var canRun = false;
  try {
    canRun =
      typeof Promise === 'function' &&
      typeof window.fetch === 'function' &&
      typeof Symbol === 'function' &&
      typeof Object.assign === 'function' &&
      typeof Array.prototype.includes === 'function';
    // The bundle's syntax (es2020): a webview that cannot parse this cannot parse the pane.
    if (canRun) new Function('"use strict"; var o = null; var f = async (a = 1, ...r) => o?.x ?? `${a}`; class C {} return [f, C];')();
    // biome-ignore lint/correctness/noUnusedVariables: ES5 has no catch without a binding
  } catch (e) {
    canRun = false;
  }
  if (canRun) return;
  window.__TZ_WEBVIEW_TOO_OLD__ = true;

  var lines = [
    '此 Excel 用来显示加载项的网页组件版本过旧，无法运行台账加载项。',
    '请将 Office 更新到 Microsoft 365 或 Office 2021 及以上版本；Windows 电脑还需安装 Microsoft Edge WebView2 运行时（可从微软官网免费下载）。更新后重新打开本窗格。',
    '暂时无法更新或使用 WPS 时：可在浏览器中用网页版 Excel（Excel 网页版）打开工作簿使用本加载项，或用命令行工具 taizhang check / push / pull 校验和同步台账文件。',
    'The web component this Excel uses to show add-ins is too old to run the Taizhang add-in.',
    'Please update Office to Microsoft 365 or Office 2021 or newer; on Windows, also install the Microsoft Edge WebView2 Runtime (a free download from Microsoft). Then open this pane again.',
    'Until you can update, or with WPS: open the workbook in Excel on the web in a browser and use the add-in there, or check and sync the ledger file with the taizhang command line (taizhang check / push / pull).',
  ];

  function show() {
    var root = document.getElementById('root') || document.body;
    if (!root) return;
    while (root.firstChild) root.removeChild(root.firstChild);
    root.setAttribute('role', 'alert');
    for (var i = 0; i < lines.length; i++) {
      var p = document.createElement('p');
      p.style.margin = '12px';
      p.appendChild(document.createTextNode(lines[i]));
      root.appendChild(p);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, false);
  else show();
})();
