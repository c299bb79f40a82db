import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseURL, demoSignIn, phone, screenshot, useBrowser } from './browser';

const chromium = useBrowser();

async function ask(page: Page, text: string) {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
}

describe('installable, local-first PWA', () => {
  it('is installable and its service worker controls the page', async () => {
    const { context, page, errors } = await phone(chromium());
    const manifest = (await (await page.request.get(`${baseURL()}/manifest.webmanifest`)).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ short_name: 'Baton', display: 'standalone', start_url: '/' });
    const icons = manifest.icons as { sizes: string; purpose?: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
    await page.goto('/');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a conversation offline and delivers a message written offline exactly once', async () => {
    const { context, page, errors } = await phone(chromium());
    await demoSignIn(page, 'emma@example.com');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.getByTestId('new-conversation').click();
    await ask(page, 'How do I reset my password?');
    await expect.poll(() => page.locator('[data-testid="message"][data-author="ai"]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="message"][data-author="ai"]').getAttribute('data-state')).toBe('sent');
    const url = page.url();
    // The service worker has the shell and this language before the connection goes.
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('baton-locales')).keys()).length), { timeout: 10_000 })
      .toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-indicator').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid="message"]').count()).toBe(2);
    await screenshot(page, 'offline-en');

    await ask(page, 'And when is my next payment due?');
    await expect.poll(() => page.getByTestId('outbox-count').getAttribute('data-count')).toBe('1');
    expect(await page.locator('[data-testid="message"][data-author="customer"]').last().getAttribute('data-state')).toBe('pending');

    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid="message"][data-author="ai"]').count(), { timeout: 15_000 }).toBe(2);

    // The server has the offline message once, however the client retried.
    const id = new URL(url).pathname.split('/').pop();
    const detail = (await (await page.request.get(`${baseURL()}/api/conversations/${id}`)).json()) as { messages: { author: string; text: string }[] };
    expect(detail.messages.filter((m) => m.text === 'And when is my next payment due?')).toHaveLength(1);
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED') && !e.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });
});

describe('40 languages', () => {
  it('lays out right to left for an Arabic browser', async () => {
    const { context, page, errors } = await phone(chromium(), 'ar-SA');
    await demoSignIn(page, 'omar@example.com');
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    await page.getByTestId('new-conversation').click();
    await ask(page, 'كم يوم عندي لإرجاع المنتج؟');
    await expect.poll(() => page.locator('[data-testid="message"][data-author="ai"]').getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    await screenshot(page, 'chat-ar');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes every visible string when switching to Japanese', async () => {
    const { context, page, errors } = await phone(chromium(), 'en-GB');
    await demoSignIn(page, 'yuki@example.com');
    await page.getByTestId('new-conversation').click();
    const labels = () =>
      page.evaluate(() =>
        ['talk-to-human', 'send', 'handoff-status'].map((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''),
      );
    const english = await labels();
    const placeholder = await page.getByTestId('composer').getAttribute('placeholder');
    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    const japanese = await labels();
    japanese.forEach((label, i) => expect(label).not.toBe(english[i]));
    expect(japanese.every((l) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(l))).toBe(true);
    expect(await page.getByTestId('composer').getAttribute('placeholder')).not.toBe(placeholder);
    await ask(page, '返品期限は何日ですか？');
    await expect.poll(() => page.locator('[data-testid="message"][data-author="ai"]').getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    await screenshot(page, 'chat-ja-switched');
    // Remembered on this device.
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('weight', () => {
  it("keeps the customer's first load under 60 KiB gzip", () => {
    const html = readFileSync('dist/client/index.html', 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const english = readdirSync('dist/client/assets').find((f) => f.startsWith('locale-en-'));
    expect(files.length).toBeGreaterThan(0);
    expect(english).toBeDefined();
    const gz = (f: string) => gzipSync(readFileSync(`dist/client/${f}`)).length;
    const total = files.reduce((sum, f) => sum + gz(f), 0) + gz(`assets/${english}`);
    console.log(`first load: ${(total / 1024).toFixed(1)} KiB gzip (${files.join(', ')} + ${english})`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
    // The agent console and the dashboard are not part of it.
    expect(files.some((f) => /AgentConsole|OpsDashboard/.test(f))).toBe(false);
  });
});
