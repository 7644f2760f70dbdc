// Leaves a jest run's counts in the file TAIZHANG_TEST_COUNTS names (the fields of jest's
// --json results), for the closing line of `npm test` that sums every step.
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

class CountsReporter {
  onRunComplete(_contexts, r) {
    const file = process.env.TAIZHANG_TEST_COUNTS;
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = r;
    writeFileSync(file, JSON.stringify({ numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites }));
  }
}

module.exports = CountsReporter;
