import type { TestProject } from 'vitest/node';
import { startLocalServer, type LocalServer } from '../../scripts/lib/local-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let server: LocalServer | undefined;

export async function setup(project: TestProject) {
  server = await startLocalServer({
    stateDir: '.wrangler/test-state',
    port: Number(process.env.BROWSER_TEST_PORT ?? 8797),
    build: !process.env.SKIP_BUILD,
  });
  project.provide('baseURL', server.baseURL);
}

export async function teardown() {
  server?.stop();
}
