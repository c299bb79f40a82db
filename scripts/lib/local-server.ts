import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface LocalServer {
  baseURL: string;
  stop(): void;
}

/**
 * How the build is served. `vite-preview` is `npm run preview` (Vite's Node server proxies
 * every request and WebSocket frame to workerd); `wrangler` runs the built Worker in
 * workerd with nothing in between, as Cloudflare serves it.
 */
export type Serve = 'vite-preview' | 'wrangler';

/**
 * Builds the production bundle and serves it on a fresh local D1 of its own (migrated and
 * seeded): used by the browser tests and the benchmarks.
 */
export async function startLocalServer(opts: { stateDir: string; port: number; build?: boolean; serve?: Serve }): Promise<LocalServer> {
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_ENV: 'dev', BATON_STATE_DIR: opts.stateDir, PORT: String(opts.port) };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(opts.stateDir, { recursive: true, force: true });
  run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--env', 'dev', '--persist-to', opts.stateDir]);
  run('tsx', ['scripts/seed.ts', '--persist-to', opts.stateDir]);
  if (opts.build !== false) run('vite', ['build']);
  const [cmd, ...args] =
    opts.serve === 'wrangler'
      ? ['wrangler', 'dev', '-c', 'dist/baton/wrangler.json', '--ip', '127.0.0.1', '--port', String(opts.port), '--persist-to', opts.stateDir, '--log-level', 'warn']
      : ['vite', 'preview'];
  const server: ChildProcess = spawn(cmd!, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const baseURL = `http://${opts.serve === 'wrangler' ? '127.0.0.1' : 'localhost'}:${opts.port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 240) throw new Error(`preview server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL,
    stop: () => {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    },
  };
}
