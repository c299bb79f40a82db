import { resolve } from 'node:path';
import { cloudflare } from '@cloudflare/vite-plugin';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const port = Number(process.env.PORT ?? 8787);

export default defineConfig({
  root: 'client',
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Baton — customer help',
        short_name: 'Baton',
        description: 'Help with your orders, payments and refunds, from an AI assistant and real people.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f7f5',
        theme_color: '#1f4f46',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell is precached; locale chunks only once used (only the active one is downloaded).
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        globIgnores: ['**/locale-*.js'],
        navigateFallback: '/index.html',
        // The first visit is controlled at once, so what it loads next is cached for offline use.
        clientsClaim: true,
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [
          { urlPattern: /\/assets\/locale-.*\.js$/, handler: 'CacheFirst', options: { cacheName: 'baton-locales' /* see client/src/lib/pwa.svelte.ts */, matchOptions: { ignoreVary: true } } },
        ],
      },
    }),
    cloudflare({
      configPath: '../wrangler.toml',
      // One local database for dev, preview and `wrangler d1 … --local`.
      persistState: { path: resolve(process.env.BATON_STATE_DIR ?? '.wrangler/state') },
      inspectorPort: false,
    }),
  ],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      output: {
        // Locale chunks get recognisable names, for the service worker's caching rule.
        chunkFileNames: (chunk) => {
          const locale = /locales\/([^/]+)\/ui\.json/.exec(chunk.facadeModuleId ?? '')?.[1];
          return locale ? `assets/locale-${locale}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
});
