#!/usr/bin/env node
'use strict';
// The `taizhang` command. Runs the TypeScript sources directly through tsx, so that
// `npx taizhang …` works right after `npm install`, with no build step.
require('tsx/cjs');

// `taizhang check … | head`: a reader that stops early is not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0);
  throw err;
});

const { main } = require('../src/main.ts');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() reports every expected failure itself; this is a bug.
    process.stderr.write(`内部错误 / Internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
