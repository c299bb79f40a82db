import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const STATE = '.wrangler/test-state';
const PORT = Number(process.env.BROWSER_TEST_PORT ?? 8797);
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_ENV: 'dev', BATON_STATE_DIR: STATE, PORT: String(PORT) };
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });

let server: ChildProcess | undefined;

/** Builds the production bundle and serves it with `vite preview` on a fresh local D1, as `npm run preview` does. */
export async function setup(project: TestProject) {
  rmSync(STATE, { recursive: true, force: true });
  run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--env', 'dev', '--persist-to', STATE]);
  run('tsx', ['scripts/seed.ts', '--persist-to', STATE]);
  if (!process.env.SKIP_BUILD) run('vite', ['build']);
  server = spawn('vite', ['preview'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const baseURL = `http://localhost:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 240) throw new Error(`preview server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseURL', baseURL);
}

export async function teardown() {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
}
