#!/usr/bin/env node
// Test runner behind `npm test`.
//
//   node scripts/test.mjs [path-or-dir ...]
//
// Finds every *.test.ts / *.test.tsx under test/ (or under the given paths),
// runs each file in its own child process (`node --import tsx <file>`, the
// file ends with uvu's `test.run()`), at most 2 at a time, and sums up uvu's
// per-process summary. A file that exits non-zero, is killed, times out
// (TEST_FILE_TIMEOUT_MS, default 900000: a hang is still caught, while a browser file on a busy machine — 282 s for one beside two CPU hogs — is not) or prints no summary counts as at
// least one failure. The very last line is `N passed, N failed[, N skipped]`;
// the exit code is 0 only if nothing failed and at least one test passed.
//
// Output is never interleaved: the earliest still-running file streams live,
// the others are buffered and printed, in start order, when their turn comes.
//
// A browser test file that walks its journeys once per mode (it loops over
// `Object.values(MODES)` from test/browser/harness.ts) runs as one process per
// mode (BROWSER_MODE=basic, BROWSER_MODE=smart), each with the full per-file
// time limit: together they take over two minutes on a busy machine. Likewise
// a file with a line "// test-parts: a b" runs once per part (TEST_PART=a, …).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_DIR = join(ROOT, 'test');
const TEST_FILE_RE = /\.test\.tsx?$/;
const TIMEOUT_MS = positiveInt(process.env.TEST_FILE_TIMEOUT_MS, 900_000);
const CORES = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
const CONCURRENCY = Math.max(1, Math.min(2, CORES || 1));
const KILL_GRACE_MS = 5_000;
// uvu colours its output only on a TTY; keep colours when we are on one.
const COLOR = process.stdout.isTTY && !('NO_COLOR' in process.env);

function positiveInt(value, fallback) {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

const ANSI_RE = /\x1b\[[0-9;?]*[ -\/]*[@-~]/g;
const stripAnsi = (s) => s.replace(ANSI_RE, '');
const rel = (file) => relative(ROOT, file).split(sep).join('/');
const out = (s) => process.stdout.write(s);

// ---------------------------------------------------------------- discovery

function walk(dir, found) {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (err) {
		console.error(`test: cannot read ${rel(dir)}: ${err.message}`);
		return;
	}
	for (const entry of entries) {
		if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
		const full = join(dir, entry.name);
		if (entry.isDirectory()) walk(full, found);
		else if (entry.isFile() && TEST_FILE_RE.test(entry.name)) found.add(full);
	}
}

function findTestFiles(args) {
	const found = new Set();
	if (args.length === 0) {
		if (existsSync(TEST_DIR)) walk(TEST_DIR, found);
		return { files: [...found].sort(), missing: [] };
	}
	const missing = [];
	for (const arg of args) {
		const full = resolve(process.cwd(), arg);
		let st;
		try {
			st = statSync(full);
		} catch {
			missing.push(arg);
			continue;
		}
		if (st.isDirectory()) walk(full, found);
		else found.add(full); // an explicitly named file runs even without the suffix
	}
	return { files: [...found].sort(), missing };
}

// ---------------------------------------------------------------- jobs

const BROWSER_MODES = ['basic', 'smart'];

/** One run of a file: the file, extra environment, and the name it is reported under. */
function jobsFor(file) {
	let text = '';
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		/* reported when it runs */
	}
	if (/Object\.values\(MODES\)/.test(text)) {
		return BROWSER_MODES.map((mode) => ({ file, env: { BROWSER_MODE: mode }, label: `${rel(file)} [${mode}]` }));
	}
	// A long file may name its parts in a comment line "// test-parts: a b" and register each test in one part (TEST_PART).
	const parts = /^\/\/ test-parts:((?: +[\w-]+)+) *$/m.exec(text);
	if (parts) return parts[1].trim().split(/ +/).map((part) => ({ file, env: { TEST_PART: part }, label: `${rel(file)} [${part}]` }));
	return [{ file, env: {}, label: rel(file) }];
}

// ---------------------------------------------------------------- running

const children = new Set(); // live child processes (each leads its own process group)

function killGroup(child, signal) {
	if (child.pid == null) return;
	try {
		process.kill(-child.pid, signal); // the whole group: tests may spawn servers/browsers
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function lastNumber(text, label) {
	const re = new RegExp(`^\\s*${label}:\\s+(\\d+)\\s*$`, 'gm');
	let m, last = null;
	while ((m = re.exec(text))) last = Number(m[1]);
	return last;
}

/**
 * Runs one file. `sink(chunk)` receives its output (stdout and stderr, in
 * arrival order). Resolves with the parsed result.
 */
function runFile(job, sink) {
	const { file, label } = job;
	return new Promise((resolvePromise) => {
		const started = Date.now();
		const env = { ...process.env, NODE_ENV: 'test', ...job.env };
		if (COLOR) env.FORCE_COLOR = '1';
		else {
			delete env.FORCE_COLOR;
		}
		const child = spawn(process.execPath, ['--import', 'tsx', file], {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout can kill everything it started
		});
		children.add(child);

		let stdout = '';
		let timedOut = false;
		let spawnError = null;
		let exitCode = null;
		let exitSignal = null;

		child.stdout.on('data', (buf) => {
			const s = buf.toString();
			stdout += s;
			sink(s);
		});
		child.stderr.on('data', (buf) => sink(buf.toString()));

		const timer = setTimeout(() => {
			timedOut = true;
			sink(`\n[test] ${label}: timed out after ${TIMEOUT_MS} ms, killing it\n`);
			killGroup(child, 'SIGTERM');
			setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS).unref();
		}, TIMEOUT_MS);

		child.on('error', (err) => {
			spawnError = err;
		});
		child.on('exit', (code, signal) => {
			exitCode = code;
			exitSignal = signal;
			// Leftover grandchildren would keep the pipes open: end them.
			killGroup(child, 'SIGKILL');
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			if (exitCode === null && exitSignal === null) {
				exitCode = code;
				exitSignal = signal;
			}
			const text = stripAnsi(stdout);
			const total = lastNumber(text, 'Total');
			const passedN = lastNumber(text, 'Passed');
			const skipped = lastNumber(text, 'Skipped') ?? 0;
			const hasSummary = total !== null && passedN !== null;

			const problems = [];
			if (hasSummary && total > passedN) problems.push(`${total - passedN} of ${total} test(s) failed`);
			if (spawnError) problems.push(`could not start: ${spawnError.message}`);
			if (timedOut) problems.push(`timed out after ${TIMEOUT_MS} ms`);
			if (exitSignal) problems.push(`killed by ${exitSignal}`);
			else if (exitCode !== 0 && exitCode !== null) problems.push(`exited with code ${exitCode}`);
			if (!hasSummary) problems.push('printed no uvu summary');

			const passed = hasSummary ? passedN : 0;
			let failed = hasSummary ? Math.max(0, total - passedN) : 0;
			if (problems.length > 0) failed = Math.max(failed, 1); // a crash is a failure too

			resolvePromise({
				file,
				label,
				passed,
				failed,
				skipped: hasSummary ? skipped : 0,
				problems,
				ms: Date.now() - started,
			});
		});
	});
}

// ---------------------------------------------------------------- output ordering

function fmtMs(ms) {
	return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function footer(r) {
	const ok = r.failed === 0;
	const counts = `${r.passed} passed, ${r.failed} failed` + (r.skipped ? `, ${r.skipped} skipped` : '');
	const why = ok ? '' : ` — ${r.problems.join('; ')}`;
	return `${ok ? 'ok  ' : 'FAIL'} ${r.label}  (${counts}, ${fmtMs(r.ms)})${why}\n`;
}

async function main() {
	const args = process.argv.slice(2);
	const flags = args.filter((a) => a.startsWith('-'));
	if (flags.length > 0) {
		console.error(`test: unknown option(s): ${flags.join(' ')}`);
		console.error('usage: node scripts/test.mjs [path-or-dir ...]');
		process.exit(2);
	}

	const { files, missing } = findTestFiles(args);
	for (const m of missing) console.error(`test: no such file or directory: ${m}`);
	if (files.length === 0) {
		out('No test files found.\n');
		out('0 passed, 0 failed\n');
		process.exitCode = 1;
		return;
	}
	const jobs = files.flatMap(jobsFor);
	out(`Running ${files.length} test file(s)${jobs.length > files.length ? ` as ${jobs.length} processes (browser files once per mode)` : ''}, ${Math.min(CONCURRENCY, jobs.length)} at a time\n`);

	// Slots in start order; slots[head] is streamed live, later ones buffer.
	const slots = [];
	let head = 0;

	const pump = () => {
		while (head < slots.length) {
			const slot = slots[head];
			if (!slot.live) {
				slot.live = true;
				out(`\n── ${slot.job.label}\n`);
				if (slot.buffer.length) out(slot.buffer.join(''));
				slot.buffer = [];
			}
			if (!slot.result) return;
			out(footer(slot.result));
			head++;
		}
	};

	const results = [];
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) {
			const job = jobs[next++];
			const slot = { job, live: false, buffer: [], result: null };
			slots.push(slot);
			pump();
			const sink = (s) => (slot.live ? out(s) : slot.buffer.push(s));
			slot.result = await runFile(job, sink);
			results.push(slot.result);
			pump();
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
	pump();

	let passed = 0, failed = 0, skipped = 0;
	for (const r of results) {
		passed += r.passed;
		failed += r.failed;
		skipped += r.skipped;
	}
	const failing = results.filter((r) => r.failed > 0).sort((a, b) => a.label.localeCompare(b.label));
	const missingFailed = missing.length; // a path that does not exist is a failure too
	failed += missingFailed;

	out('\n');
	if (failing.length > 0 || missingFailed > 0) {
		out('Failing files:\n');
		for (const r of failing) out(`  ${r.label} — ${r.problems.join('; ')}\n`);
		for (const m of missing) out(`  ${m} — no such file or directory\n`);
	} else if (passed === 0) {
		out('No test passed.\n');
	}
	out(`${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '') + '\n');
	process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

function shutdown(signal) {
	for (const child of children) killGroup(child, 'SIGKILL');
	process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

main().catch((err) => {
	for (const child of children) killGroup(child, 'SIGKILL');
	console.error(err?.stack ?? err);
	out('0 passed, 1 failed\n');
	process.exitCode = 1;
});
