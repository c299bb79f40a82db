import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('deploy', () => {
  it('the production bundle passes `wrangler deploy --dry-run`', () => {
    // The browser suite's setup has just built it (dist/baton/wrangler.json).
    const out = execFileSync('wrangler', ['deploy', '--dry-run', '-c', 'dist/baton/wrangler.json'], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toMatch(/--dry-run: exiting now/);
    expect(out).toMatch(/HANDOFF_ROOM/);
    expect(out).toMatch(/env\.DB/);
  });
});
