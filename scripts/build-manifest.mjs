#!/usr/bin/env node
// Writes the production manifest: manifest.xml (the development one, https://localhost:3000)
// with every URL moved to the given https base, into addin/dist/manifest.xml. The Id stays.
//
//   node scripts/build-manifest.mjs --base-url https://taizhang.example.cn/addin [--out addin/dist/manifest.xml]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEV_BASE = 'https://localhost:3000';

export function productionManifest(xml, baseUrl) {
  let u;
  try {
    u = new URL(baseUrl);
  } catch {
    throw new Error(`--base-url ${baseUrl} is not a URL`);
  }
  if (u.protocol !== 'https:') throw new Error(`--base-url must be https (Office loads add-ins over https only): ${baseUrl}`);
  const base = baseUrl.replace(/\/+$/, '');
  const out = xml.split(DEV_BASE).join(base);
  // AppDomain is an origin, not a path.
  return out.replace(/<AppDomain>[^<]*<\/AppDomain>/, `<AppDomain>${u.origin}</AppDomain>`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const get = (n) => {
    const i = argv.indexOf(n);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const baseUrl = get('--base-url');
  const out = path.resolve(get('--out') ?? path.join(ROOT, 'addin', 'dist', 'manifest.xml'));
  (async () => {
    if (!baseUrl) throw new Error('usage: node scripts/build-manifest.mjs --base-url https://host/path [--out file]');
    const xml = await readFile(path.join(ROOT, 'manifest.xml'), 'utf8');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, productionManifest(xml, baseUrl));
    console.log(`[build-manifest] ${path.relative(ROOT, out)} for ${baseUrl}`);
  })().catch((e) => {
    console.error(`[build-manifest] ${e.message}`);
    process.exit(1);
  });
}
