// Prints one closing line for the whole `npm test` run: "tests: N passed, N failed".
// Reads vitest's and Playwright's JSON reports; a missing report counts as a failure.
import fs from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    failed += 1;
    process.stdout.write(`(no report at ${file})\n`);
    return undefined;
  }
}

const vitest = read(vitestFile);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A test file that failed to load (or a run stopped by global setup) fails no test, yet the run failed.
  const brokenFiles = (vitest.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  if (brokenFiles > 0) process.stdout.write(`(${brokenFiles} test file(s) failed to run)\n`);
  failed += brokenFiles;
  if (vitest.success === false && failed === 0) {
    failed += 1;
    process.stdout.write('(vitest reported a failed run without a failed test)\n');
  }
}
const playwright = read(playwrightFile);
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
