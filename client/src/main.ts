import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './lib/i18n.svelte';
import { pwa } from './lib/pwa.svelte';
import { startSync } from './lib/sync';
import './app.css';

await i18n.init();
mount(App, { target: document.getElementById('app')! });
if (!location.pathname.startsWith('/agent') && !location.pathname.startsWith('/ops')) startSync();
pwa.start();
