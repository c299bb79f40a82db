import { describe, expect, it } from 'vitest';
import { demoSignIn, phone, screenshot, useBrowser } from './browser';

const chromium = useBrowser();

describe('a customer asks about their order', () => {
  it.each([
    ['emma@example.com', 'en-GB', 'Where is my order?', '44108031', 'chat-en'],
    ['lars@example.com', 'sv-SE', 'Hej! Var är min beställning?', '46108031', 'chat-sv'],
    ['yuki@example.com', 'ja-JP', '注文した商品はどこにありますか？', '81108031', 'chat-ja'],
  ])('%s sees a streamed answer naming the real order', async (email, locale, question, orderId, shot) => {
    const { context, page, errors } = await phone(chromium(), locale);
    await demoSignIn(page, email);
    await page.getByTestId('new-conversation').click();
    await page.getByTestId('composer').fill(question);
    await page.getByTestId('send').click();
    const reply = page.locator('[data-testid="message"][data-author="ai"]').last();
    await expect.poll(() => reply.textContent(), { timeout: 15_000 }).toContain(orderId);
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    await expect.poll(() => page.locator('[data-testid="message"][data-author="customer"]').count()).toBe(1);
    await screenshot(page, shot);

    // The conversation is listed and survives a reload.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="message"]').count(), { timeout: 10_000 }).toBe(2);
    await page.goto('/');
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("signed in by the operator's own app", () => {
  it('trades a short-lived token in the URL for a session and hides the token', async () => {
    const { sign } = await import('hono/jwt');
    const token = await sign({ sub: 'ext-anna', exp: Math.floor(Date.now() / 1000) + 120 }, 'dev-only-operator-token-secret', 'HS256');
    const { context, page, errors } = await phone(chromium(), 'de-DE');
    await page.goto(`/?token=${token}`);
    await page.getByTestId('sign-out').waitFor();
    expect(page.url()).not.toContain('token=');
    expect(await page.getByTestId('demo-account').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
