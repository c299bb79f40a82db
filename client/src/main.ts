import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './lib/i18n.svelte';
import './app.css';

await i18n.init();
mount(App, { target: document.getElementById('app')! });
