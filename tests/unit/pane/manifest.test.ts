// manifest.xml, read with office-addin-manifest (offline) and xml2js for the parts it does
// not report. The online validator (`npx office-addin-manifest validate`, which calls
// Microsoft's validation service) cannot run here: these machines have no internet.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestInfo } from 'office-addin-manifest';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js = require('xml2js') as { parseStringPromise(xml: string, o?: object): Promise<any> };

const ROOT = path.resolve(__dirname, '../../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const ID = '5d0c2b7e-3f4a-4c1e-9b8d-7a6e2f1c0d93';
const DEV = 'https://localhost:3000';

let xml: string;
let doc: any;
beforeAll(async () => {
  xml = readFileSync(MANIFEST, 'utf8');
  doc = (await xml2js.parseStringPromise(xml, { explicitArray: true })).OfficeApp;
});

/** Runs in a plain Node child: the package loads an ES module jest's CommonJS loader cannot. */
function node<T>(script: string): T {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out) as T;
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('office-addin-manifest reads it: a task pane add-in for Excel with a fixed id', async () => {
  const info = node<ManifestInfo>(`
    import m from 'office-addin-manifest';
    const info = await m.OfficeAddinManifest.readManifestFile(${JSON.stringify(MANIFEST)});
    process.stdout.write(JSON.stringify(info));`);
  expect(info.id).toBe(ID);
  expect(info.officeAppType).toBe('TaskPaneApp');
  expect(info.hosts).toEqual(['Workbook']);
  expect(info.defaultLocale).toBe('zh-CN');
  expect(info.displayName).toBe('台账');
  expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(info.providerName).toBeTruthy();
  expect(info.description).toBeTruthy();
  expect(info.permissions).toBe('ReadWriteDocument');
  expect(info.defaultSettings?.sourceLocation).toBe(`${DEV}/taskpane.html`);
  expect(info.iconUrl).toBe(`${DEV}/assets/icon-32.png`);
  expect(info.highResolutionIconUrl).toBe(`${DEV}/assets/icon-64.png`);
  expect(info.appDomains).toEqual([DEV]);
});

test('every URL is https', () => {
  const urls = xml.replace(/<!--[\s\S]*?-->/g, '').match(/(?:DefaultValue|Value)="[a-z]+:\/\/[^"]+"|<AppDomain>[^<]+/g) ?? [];
  expect(urls.length).toBeGreaterThan(8);
  for (const u of urls) expect(u).toMatch(/(="|>)https:\/\//);
  // Namespace names (xmlns="http://schemas.microsoft.com/…") are identifiers, never loaded.
  expect(xml.replace(/xmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/http:\/\//);
});

test('the support URL and "learn more" open a help page of their own, which the build writes in both languages', () => {
  expect(doc.SupportUrl[0].$.DefaultValue).toBe(`${DEV}/support.html`);
  expect(xml).toContain(`<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${DEV}/support.html"/>`);
  const html = node<string>(`
    import { supportHtml } from './scripts/build-addin.mjs';
    process.stdout.write(JSON.stringify(supportHtml()));`);
  expect(html).toMatch(/需要 Excel 网页版/);
  expect(html).toMatch(/It needs Excel on the web/);
  expect(html).toContain('taizhang push');
  expect(readFileSync(path.join(ROOT, 'scripts/build-addin.mjs'), 'utf8')).toMatch(/writeFile\(path\.join\(out, 'support\.html'\), supportHtml\(\)\)/);
});

test("app domains: only the add-in's own origin (the pane opens no other site)", () => {
  expect(doc.AppDomains[0].AppDomain).toEqual([DEV]);
});

test('requires ExcelApi 1.7', () => {
  const set = doc.Requirements[0].Sets[0];
  expect(set.$.DefaultMinVersion).toBe('1.7');
  expect(set.Set.map((s: any) => s.$)).toEqual([{ Name: 'ExcelApi', MinVersion: '1.7' }]);
});

test('a Home tab button opens the task pane; every resid resolves', () => {
  const vo = doc.VersionOverrides[0];
  const host = vo.Hosts[0].Host[0];
  expect(host.$['xsi:type']).toBe('Workbook');
  const tab = host.DesktopFormFactor[0].ExtensionPoint[0].OfficeTab[0];
  expect(tab.$.id).toBe('TabHome');
  const control = tab.Group[0].Control[0];
  expect(control.$['xsi:type']).toBe('Button');
  expect(control.Action[0].$['xsi:type']).toBe('ShowTaskpane');
  const res = vo.Resources[0];
  const ids = new Set<string>(
    [
      ...res['bt:Images'][0]['bt:Image'],
      ...res['bt:Urls'][0]['bt:Url'],
      ...res['bt:ShortStrings'][0]['bt:String'],
      ...res['bt:LongStrings'][0]['bt:String'],
    ].map((x: any) => x.$.id),
  );
  const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);
  expect(used.length).toBeGreaterThan(5);
  for (const r of used) expect(ids).toContain(r);
  // Short strings are at most 125 characters, long ones 250 (the schema's limits).
  for (const s of res['bt:ShortStrings'][0]['bt:String']) expect(s.$.DefaultValue.length).toBeLessThanOrEqual(125);
  for (const s of res['bt:LongStrings'][0]['bt:String']) expect(s.$.DefaultValue.length).toBeLessThanOrEqual(250);
});

test('both locales: Chinese by default, an English override for every visible string', () => {
  expect(doc.DisplayName[0].Override[0].$).toEqual({ Locale: 'en-US', Value: 'Taizhang' });
  expect(doc.Description[0].Override[0].$.Locale).toBe('en-US');
  const res = doc.VersionOverrides[0].Resources[0];
  for (const s of [...res['bt:ShortStrings'][0]['bt:String'], ...res['bt:LongStrings'][0]['bt:String']]) {
    expect(s.$.DefaultValue).toMatch(/[\u4e00-\u9fff]/);
    expect(s['bt:Override'][0].$.Locale).toBe('en-US');
    expect(s['bt:Override'][0].$.Value).not.toMatch(/[\u4e00-\u9fff]/);
  }
});

test('every icon the manifest names exists in addin/assets (copied to addin/dist/assets) at its size', () => {
  const icons = [...xml.matchAll(/https:\/\/localhost:3000\/assets\/(icon-(\d+)\.png)/g)];
  expect(new Set(icons.map((m) => m[2]))).toEqual(new Set(['16', '32', '64', '80']));
  for (const [, file, size] of icons) {
    const src = path.join(ROOT, 'addin', 'assets', file!);
    expect(existsSync(src)).toBe(true);
    expect(pngSize(src)).toEqual([Number(size), Number(size)]);
  }
});

test('the production manifest moves every URL to the given https base and keeps the id', () => {
  const r = node<{ prod: string; http: string }>(`
    import { readFileSync } from 'node:fs';
    import { productionManifest } from './scripts/build-manifest.mjs';
    const xml = readFileSync('manifest.xml', 'utf8');
    let http = '';
    try { productionManifest(xml, 'http://tz.example.cn'); } catch (e) { http = e.message; }
    process.stdout.write(JSON.stringify({ prod: productionManifest(xml, 'https://tz.example.cn/addin/'), http }));`);
  expect(r.prod).not.toContain('localhost');
  expect(r.prod).toContain('<AppDomain>https://tz.example.cn</AppDomain>');
  expect(r.prod).toContain('https://tz.example.cn/addin/taskpane.html');
  expect(r.prod).toContain(`<Id>${ID}</Id>`);
  expect(r.http).toMatch(/https/);
});
