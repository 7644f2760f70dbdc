// The jest reporter of a quiet `npm test`: nothing for a test file that passes; for one that
// fails, its failures and what its tests wrote to the console, as soon as it has run; at the
// end, one line of counts. (`node scripts/test.mjs --loud` uses jest's own reporter instead.)

class QuietReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.started = Date.now();
  }

  onTestResult(_test, result) {
    if (!result.failureMessage && !result.testExecError) return;
    const file = require('node:path').relative(this.rootDir, result.testFilePath);
    const lines = [`\nFAIL ${file}`];
    if (result.failureMessage) lines.push(result.failureMessage.trimEnd());
    else lines.push(String(result.testExecError.message ?? result.testExecError));
    for (const entry of result.console ?? []) {
      lines.push(`  console.${entry.type}: ${String(entry.message).split('\n').join('\n    ')}`);
    }
    process.stderr.write(`${lines.join('\n')}\n`);
  }

  onRunComplete(_contexts, r) {
    const parts = [`${r.numPassedTests} passed`, `${r.numFailedTests} failed`];
    if (r.numPendingTests + r.numTodoTests > 0) parts.push(`${r.numPendingTests + r.numTodoTests} skipped`);
    if (r.numRuntimeErrorTestSuites > 0) parts.push(`${r.numRuntimeErrorTestSuites} file(s) could not run`);
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(`${parts.join(', ')} — ${r.numTotalTestSuites} files, ${seconds} s\n`);
  }
}

module.exports = QuietReporter;
