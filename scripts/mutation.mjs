#!/usr/bin/env node
// Mutation testing: `npm run mutation [module ...]`.
//
// StrykerJS changes one thing at a time in a module (a `<` into `<=`, a
// condition into `true`, a string into "") and runs the tests that cover that
// module with its command runner; a change the tests do not notice ("a
// survivor") is a rule no test pins. Each module runs on its own, with only
// its covering test files, so a run stays short on a 2-core machine; the
// score per module is printed at the end and written to
// reports/mutation/<name>.json (Stryker's JSON report).
//
//   npm run mutation                          every module below (long: an hour or more)
//   npm run mutation -- authz training.domain only these (by the names below)
//   MUTATION_CONCURRENCY=1 npm run mutation   test runs at a time (default 2)
//   npm run mutation -- db session --since 8e9e33c
//                                             only the lines changed since that commit
//                                             (a module left unchanged is skipped): a
//                                             change's own mutants, in minutes, where the
//                                             whole module's score was taken before
//
// The scores measured and the survivors, with why each may stay, are in
// docs/testing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Module → the test files that cover it (fast ones: domain tables and unit tests first). */
export const MODULES = {
	// Security-critical shared modules.
	authz: { mutate: 'src/shared/authz.ts', tests: ['test/shared/authz.test.ts'] },
	csrf: { mutate: 'src/shared/csrf.ts', tests: ['test/shared/csrf.test.ts'] },
	session: { mutate: 'src/shared/session.ts', tests: ['test/shared/session.test.ts', 'test/shared/session-query.test.ts', 'test/shared/session-memo.test.ts'] },
	validators: { mutate: 'src/shared/validators.ts', tests: ['test/shared/validators.test.ts', 'test/shared/identifiers.test.ts', 'test/shared/forms.test.ts'] },
	'page-cache': { mutate: 'src/shared/page-cache.ts', tests: ['test/shared/page-cache.test.ts'] },
	// The bounded map under the page cache and the signed-in cache.
	'bounded-store': { mutate: 'src/shared/bounded-store.ts', tests: ['test/shared/bounded-store.test.ts', 'test/shared/page-cache.test.ts'] },
	db: { mutate: 'src/shared/db.ts', tests: ['test/shared/db.test.ts', 'test/shared/db-writer.test.ts'] },
	// Which answers wait for the end of their turn (src/main.ts serves every answer through it).
	'answer-by-turn': { mutate: 'src/shared/answer-by-turn.ts', tests: ['test/shared/answer-by-turn.test.ts'] },
	// The domain modules: pure rules, each with its table test.
	...Object.fromEntries(
		['accounts', 'alerts', 'desk', 'employers', 'hires', 'hotline', 'jobs', 'markets', 'monitoring', 'ops', 'phone', 'records', 'supervision', 'training', 'workers'].map((f) => [
			`${f}.domain`,
			{ mutate: `src/features/${f}/${f}.domain.ts`, tests: [`test/features/${f}/${f}.domain.test.ts`] },
		]),
	),
	'messages.domain': { mutate: 'src/features/messages/messages.domain.ts', tests: ['test/features/messages/messages.domain.test.ts'] },
	'policy.domain': { mutate: 'src/features/policy/policy.domain.ts', tests: ['test/features/policy/policy.markup.test.ts'] },
};

function score(reportFile) {
	const report = JSON.parse(readFileSync(reportFile, 'utf8'));
	const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
	const survivors = [];
	for (const [file, f] of Object.entries(report.files)) {
		for (const m of f.mutants) {
			n[m.status] = (n[m.status] ?? 0) + 1;
			if (m.status === 'Survived' || m.status === 'NoCoverage') {
				survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}`);
			}
		}
	}
	const detected = n.Killed + n.Timeout;
	const valid = detected + n.Survived + n.NoCoverage;
	return { ...n, detected, valid, score: valid ? (100 * detected) / valid : 100, survivors };
}

/**
 * The lines a `git diff --unified=0` shows as new or changed, as Stryker's
 * "file:start-end" ranges. A hunk that only deletes (+n,0) marks the lines on
 * either side of the gap, where the remaining code now meets.
 */
export function changedRanges(file, diff) {
	const ranges = [];
	for (const m of diff.matchAll(/^@@ -\S+ \+(\d+)(?:,(\d+))? @@/gm)) {
		const start = Number(m[1]);
		const count = m[2] === undefined ? 1 : Number(m[2]);
		ranges.push(count === 0 ? `${file}:${Math.max(1, start)}-${start + 1}` : `${file}:${start}-${start + count - 1}`);
	}
	return ranges;
}

function main() {
	const args = process.argv.slice(2);
	const at = args.indexOf('--since');
	const since = at >= 0 ? args[at + 1] : undefined;
	if (at >= 0 && !since) {
		console.error('--since needs a commit');
		process.exit(2);
	}
	const names = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
	const unknown = names.filter((n) => !(n in MODULES));
	if (unknown.length) {
		console.error(`unknown module(s): ${unknown.join(', ')}\nknown: ${Object.keys(MODULES).join(', ')}`);
		process.exit(2);
	}
	const chosen = names.length ? names : Object.keys(MODULES);
	mkdirSync(join(ROOT, 'reports/mutation'), { recursive: true });
	const results = [];
	for (const name of chosen) {
		const { mutate, tests } = MODULES[name];
		for (const f of [mutate, ...tests]) if (!existsSync(join(ROOT, f))) throw new Error(`${name}: ${f} does not exist`);
		let patterns = mutate;
		if (since) {
			const diff = spawnSync('git', ['diff', '--unified=0', since, '--', mutate], { cwd: ROOT, encoding: 'utf8' });
			if (diff.status !== 0) throw new Error(`git diff ${since} failed: ${diff.stderr}`);
			const ranges = changedRanges(mutate, diff.stdout);
			if (!ranges.length) {
				console.log(`\n=== ${name}: ${mutate} unchanged since ${since}, skipped`);
				continue;
			}
			patterns = ranges.join(' ');
		}
		console.log(`\n=== ${name}: ${patterns} (tests: ${tests.join(' ')})`);
		const started = Date.now();
		const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs'], {
			cwd: ROOT,
			stdio: 'inherit',
			env: { ...process.env, MUTATION_NAME: name, MUTATION_MUTATE: patterns, MUTATION_TESTS: tests.join(' ') },
		});
		const report = join(ROOT, 'reports/mutation', `${name}.json`);
		if (r.status !== 0 || !existsSync(report)) {
			results.push({ name, error: `stryker exited with ${r.status ?? r.signal}` });
			continue;
		}
		results.push({ name, minutes: (Date.now() - started) / 60000, ...score(report) });
	}
	console.log('\nmodule                 score   killed timeout survived no-cov  minutes');
	for (const r of results) {
		if (r.error) console.log(`${r.name.padEnd(22)} ${r.error}`);
		else
			console.log(
				`${r.name.padEnd(22)} ${r.score.toFixed(1).padStart(5)}%  ${String(r.Killed).padStart(6)} ${String(r.Timeout).padStart(7)} ${String(r.Survived).padStart(8)} ${String(r.NoCoverage).padStart(6)}  ${r.minutes.toFixed(1).padStart(7)}`,
			);
	}
	for (const r of results) if (r.survivors?.length) console.log(`\nsurvivors in ${r.name}:\n  ${r.survivors.join('\n  ')}`);
	process.exitCode = results.some((r) => r.error) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
