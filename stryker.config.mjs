// StrykerJS settings for `npm run mutation` (scripts/mutation.mjs sets the
// module and its tests through the environment, one module per run).
const name = process.env.MUTATION_NAME ?? 'authz';
const mutate = process.env.MUTATION_MUTATE ?? 'src/shared/authz.ts';
const tests = process.env.MUTATION_TESTS ?? 'test/shared/authz.test.ts';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // One file, or (npm run mutation -- … --since REV) that file's changed lines as "file:start-end" ranges.
  mutate: mutate.split(/\s+/),
  testRunner: 'command',
  // Each covering file in its own process, as `npm test` runs it; a failing test exits non-zero.
  commandRunner: { command: `node scripts/test.mjs ${tests}` },
  coverageAnalysis: 'off',
  // A busy 2-core machine: few test runs at a time, and generous time before a run counts as hung.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutFactor: 3,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'json', 'progress-append-only'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  // One temp dir per module, so two modules can run side by side; each run's
  // sandbox copies the project without the other runs' sandboxes.
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: true,
  ignorePatterns: ['dist', 'docs', 'deploy', 'reports', 'backups', 'tmp', '.stryker-tmp', '*.db', '*.db-wal', '*.db-shm'],
  disableTypeChecks: false,
};
