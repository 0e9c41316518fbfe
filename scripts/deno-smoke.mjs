#!/usr/bin/env node
// Deno smoke test: start the server with `deno task start` (deno.json) on a
// free port with a throwaway SQLite file, and wait for GET /healthz to answer
// 200 with {"ok":true,...}. Always stops the server and removes the temp dir.
//
//   node scripts/deno-smoke.mjs
//
// Env: DENO_SMOKE_TIMEOUT_MS (default 60000) — how long to wait for /healthz.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const POLL_MS = 200;
const TIMEOUT_MS = Number(process.env.DENO_SMOKE_TIMEOUT_MS) > 0 ? Number(process.env.DENO_SMOKE_TIMEOUT_MS) : 60_000;
const PREFIX = 'deno smoke:';

const log = (msg) => {
	for (const line of String(msg).split('\n')) console.log(`${PREFIX} ${line}`);
};

let child = null;
let tempDir = null;
let output = ''; // the child's stdout+stderr, interleaved as it arrived
let cleanedUp = false;

function freePort() {
	return new Promise((resolvePort, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolvePort(port));
		});
	});
}

function childAlive() {
	return child !== null && child.exitCode === null && child.signalCode === null;
}

function killChild(signal) {
	if (!child || child.pid == null) return;
	try {
		process.kill(-child.pid, signal); // the whole group: deno task runs deno run underneath
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Stops the server (SIGTERM, then SIGKILL) and removes the temp dir. */
async function cleanup() {
	if (cleanedUp) return;
	cleanedUp = true;
	if (child) {
		killChild('SIGTERM');
		const deadline = Date.now() + 3_000;
		while (childAlive() && Date.now() < deadline) await sleep(50);
		// Even once the task runner has exited, make sure nothing in its group survives.
		killChild('SIGKILL');
	}
	if (tempDir) {
		try {
			rmSync(tempDir, { recursive: true, force: true });
		} catch (err) {
			log(`warning: could not remove ${tempDir}: ${err.message}`);
		}
	}
}

function cleanupSync() {
	if (cleanedUp) return;
	cleanedUp = true;
	killChild('SIGKILL');
	if (tempDir) {
		try {
			rmSync(tempDir, { recursive: true, force: true });
		} catch {
			/* best effort */
		}
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function dumpChildOutput() {
	const text = output.trimEnd();
	if (text) {
		log('---- server output ----');
		log(text);
		log('---- end of server output ----');
	} else {
		log('(the server printed nothing)');
	}
}

async function probe(url) {
	const ctrl = new AbortController();
	const t = setTimeout(() => ctrl.abort(), 2_000);
	try {
		const res = await fetch(url, { signal: ctrl.signal });
		const body = await res.text();
		if (res.status !== 200) return { ok: false, why: `status ${res.status}: ${body.slice(0, 200)}` };
		let json;
		try {
			json = JSON.parse(body);
		} catch {
			return { ok: false, why: `status 200 but body is not JSON: ${body.slice(0, 200)}` };
		}
		if (json && json.ok === true) return { ok: true };
		return { ok: false, why: `status 200 but body lacks "ok":true: ${body.slice(0, 200)}` };
	} catch (err) {
		return { ok: false, why: err.cause?.code ?? err.name ?? String(err) };
	} finally {
		clearTimeout(t);
	}
}

async function main() {
	if (!existsSync(DENO)) {
		log(`FAIL: ${DENO} not found (run npm ci first)`);
		return 1;
	}
	tempDir = mkdtempSync(join(tmpdir(), 'deno-smoke-'));
	const port = await freePort();
	const dbUrl = `file:${join(tempDir, 'smoke.db')}`;
	log(`starting "deno task start" on port ${port} with DATABASE_URL=${dbUrl}`);

	const started = Date.now();
	child = spawn(DENO, ['task', 'start'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), DATABASE_URL: dbUrl, NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so we can kill deno and everything it started
	});
	let spawnError = null;
	child.on('error', (err) => {
		spawnError = err;
	});
	child.stdout.on('data', (b) => (output += b));
	child.stderr.on('data', (b) => (output += b));

	const url = `http://127.0.0.1:${port}/healthz`;
	let last = 'no attempt yet';
	while (Date.now() - started < TIMEOUT_MS) {
		if (spawnError) {
			log(`FAIL: could not start deno: ${spawnError.message}`);
			dumpChildOutput();
			return 1;
		}
		const r = await probe(url);
		if (r.ok) {
			log(`ok (healthz in ${Date.now() - started} ms)`);
			return 0;
		}
		last = r.why;
		if (!childAlive()) {
			await sleep(100); // let the pipes drain
			const how = child.signalCode ? `killed by ${child.signalCode}` : `exited with code ${child.exitCode}`;
			log(`FAIL: the server ${how} before /healthz answered (last probe: ${last})`);
			dumpChildOutput();
			return 1;
		}
		await sleep(POLL_MS);
	}
	log(`FAIL: /healthz did not answer 200 {"ok":true} within ${TIMEOUT_MS} ms (last probe: ${last})`);
	dumpChildOutput();
	return 1;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => {
		log(`interrupted by ${sig}, stopping the server`);
		cleanupSync();
		process.exit(sig === 'SIGINT' ? 130 : 143);
	});
}
process.on('exit', cleanupSync);

main()
	.catch((err) => {
		log(`FAIL: ${err?.stack ?? err}`);
		if (child) dumpChildOutput();
		return 1;
	})
	.then(async (code) => {
		await cleanup();
		process.exit(code);
	});
