import { cloudflare } from '@cloudflare/vite-plugin';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const port = Number(process.env.PORT ?? 8787);

export default defineConfig({
  root: 'client',
  plugins: [
    svelte(),
    cloudflare({
      configPath: '../wrangler.toml',
      // One local database for dev, preview and `wrangler d1 … --local`.
      persistState: { path: `../${process.env.BATON_STATE_DIR ?? '.wrangler/state'}` },
      inspectorPort: false,
    }),
  ],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
});
