#!/usr/bin/env node
// Bundles the Cloud Functions for deploy and for the emulator.
//
//   node scripts/build-functions.mjs            build once
//   node scripts/build-functions.mjs --watch    build, then rebuild on every change
//
// functions/src/index.ts → functions/dist/index.js (+ .map), with the ledger core, zod and
// every other dependency bundled in, except firebase-admin and firebase-functions, which
// stay external: functions/dist/package.json lists only those two, at the exact versions of
// the root package-lock.json, with a package-lock.json cut out of the root one
// (functions-lock.mjs), so a cloud deploy installs only them, and exactly what the tests ran
// with (Cloud Build runs `npm ci` when a lockfile is there). functions/.env* files are
// copied along (firebase-tools reads the params' values from the source folder).
// firebase.json points `functions.source` at functions/dist and runs this in `predeploy`.
import { build, context } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distLock } from './functions-lock.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTIONS = path.join(ROOT, 'functions');
export const DIST = path.join(FUNCTIONS, 'dist');
const RUNTIME_DEPS = ['firebase-admin', 'firebase-functions'];

/** esbuild options; exported for tools that want the same bundle. */
export const esbuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: [path.join(FUNCTIONS, 'src', 'index.ts')],
  outfile: path.join(DIST, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // `firebase-admin/firestore`, `firebase-functions/v2/https`, … are external too.
  external: RUNTIME_DEPS.flatMap((dep) => [dep, `${dep}/*`]),
  logLevel: 'warning',
};

/** dist/package.json with the root lockfile's exact versions, and dist/package-lock.json. */
async function distManifest() {
  const pkg = JSON.parse(await readFile(path.join(FUNCTIONS, 'package.json'), 'utf8'));
  for (const dep of RUNTIME_DEPS) {
    if (!pkg.dependencies?.[dep]) throw new Error(`functions/package.json must depend on ${dep}`);
  }
  const manifest = { name: pkg.name, engines: { node: pkg.engines?.node ?? '22' } };
  const rootLock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const { dependencies, lockfile } = distLock(rootLock, RUNTIME_DEPS, manifest);
  return { packageJson: { name: pkg.name, main: 'index.js', ...manifest, dependencies }, lockfile };
}

/**
 * Writes esbuild's output files atomically (temp file + rename), then removes whatever an
 * earlier build left in dist that this one did not write (a node_modules someone installed
 * there stays). A running functions emulator watching dist never sees a half-written or
 * missing bundle.
 */
async function writeOutputs(outputFiles, sideFiles) {
  await mkdir(DIST, { recursive: true });
  const written = new Set(['node_modules', ...sideFiles]);
  for (const file of outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
    written.add(path.relative(DIST, file.path));
  }
  for (const entry of await readdir(DIST)) {
    if (!written.has(entry)) await rm(path.join(DIST, entry), { recursive: true, force: true });
  }
}

async function writeAtomically(file, text) {
  await writeFile(`${file}.${process.pid}.tmp`, text);
  await rename(`${file}.${process.pid}.tmp`, file);
}

/** Writes dist/package.json and its lockfile and copies functions/.env*; returns the names written. */
async function writeSideFiles() {
  await mkdir(DIST, { recursive: true });
  const names = ['package.json', 'package-lock.json'];
  const { packageJson, lockfile } = await distManifest();
  await writeAtomically(path.join(DIST, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
  await writeAtomically(path.join(DIST, 'package-lock.json'), JSON.stringify(lockfile, null, 2) + '\n');
  for (const entry of await readdir(FUNCTIONS)) {
    if (entry === '.env' || entry.startsWith('.env.')) {
      await copyFile(path.join(FUNCTIONS, entry), path.join(DIST, entry));
      names.push(entry);
    }
  }
  return names;
}

/** Builds functions/dist once. Returns esbuild's result (errors throw). */
export async function buildFunctions({ quiet = false } = {}) {
  const started = Date.now();
  const result = await build({ ...esbuildOptions, write: false });
  await writeOutputs(result.outputFiles, await writeSideFiles());
  if (!quiet) {
    const rel = path.relative(ROOT, esbuildOptions.outfile);
    console.log(`[build-functions] ${rel} built in ${Date.now() - started} ms`);
  }
  return result;
}

/**
 * Builds, then rebuilds on every change under the entry's import graph (the functions
 * emulator reloads functions/dist by itself). Resolves after the first build with a
 * stop() function; throws when the first build fails. A failing rebuild keeps the
 * previous bundle.
 */
export async function watchFunctions() {
  let firstBuild;
  const firstDone = new Promise((resolve) => {
    firstBuild = resolve;
  });
  const ctx = await context({
    ...esbuildOptions,
    write: false,
    plugins: [
      {
        name: 'taizhang-write',
        setup(b) {
          let started = 0;
          b.onStart(() => {
            started = Date.now();
          });
          b.onEnd(async (result) => {
            if (result.errors.length > 0) {
              console.log(`[build-functions] build failed with ${result.errors.length} error(s); keeping the previous bundle`);
            } else {
              try {
                await writeOutputs(result.outputFiles ?? [], await writeSideFiles());
                console.log(`[build-functions] built functions/dist in ${Date.now() - started} ms`);
              } catch (err) {
                console.error('[build-functions] could not write functions/dist:', err);
              }
            }
            firstBuild(result.errors.length === 0);
          });
        },
      },
    ],
  });
  await ctx.watch();
  if (!(await firstDone)) {
    await ctx.dispose();
    throw new Error('functions build failed / 函数构建失败');
  }
  return () => ctx.dispose();
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('usage: node scripts/build-functions.mjs [--watch]');
    return;
  }
  if (argv.includes('--watch')) {
    const stop = await watchFunctions();
    const onSignal = () => {
      void stop().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return;
  }
  await buildFunctions();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err) => {
    // esbuild already printed its diagnostics; print anything else.
    if (!err?.errors) console.error(err);
    console.error('[build-functions] 构建失败 / build failed');
    process.exit(1);
  });
}
