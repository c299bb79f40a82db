import { describe, expect, it } from 'vitest';
import { demoSignIn, phone, screenshot, useBrowser } from './browser';

const chromium = useBrowser();

describe('a person takes over, live', () => {
  it('customer asks for a person, an agent claims, they chat, the agent resolves, the customer rates', async () => {
    const customer = await phone(chromium(), 'en-GB');
    await demoSignIn(customer.page, 'anna@example.com');
    await customer.page.getByTestId('new-conversation').click();
    await customer.page.getByTestId('composer').fill('Ich möchte bitte mit einem Menschen sprechen');
    await customer.page.getByTestId('send').click();
    const status = customer.page.getByTestId('handoff-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('queued');
    await expect.poll(() => customer.page.locator('[data-testid="message"][data-author="system"]').count()).toBe(1);
    const conversationId = new URL(customer.page.url()).pathname.split('/').pop()!;

    const agent = await chromium().newContext({ baseURL: customer.context.pages()[0]!.url().split('/c/')[0], viewport: { width: 1280, height: 900 } });
    const agentPage = await agent.newPage();
    const agentErrors: string[] = [];
    agentPage.on('pageerror', (e) => agentErrors.push(e.message));
    await agentPage.goto('/agent');
    await agentPage.locator('[data-testid="demo-agent"][data-email="agent@example.com"]').click();
    const item = agentPage.locator(`[data-testid="queue-item"][data-conversation="${conversationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.getAttribute('data-category')).toBe('human_request');
    await item.click();
    await expect.poll(() => agentPage.getByTestId('handoff-reason').textContent()).toContain('menschen');
    await agentPage.getByTestId('claim').click();
    await agentPage.getByTestId('agent-composer').waitFor();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 5_000 }).toBe('human');

    await agentPage.getByTestId('agent-composer').fill('Hallo Anna, hier ist Alex. Wie kann ich helfen?');
    const sentAt = Date.now();
    await agentPage.getByTestId('agent-send').click();
    const agentMessage = customer.page.locator('[data-testid="message"][data-author="agent"]');
    await agentMessage.first().waitFor({ timeout: 5_000 });
    const relayMs = Date.now() - sentAt;
    expect(relayMs).toBeLessThan(3_000);
    expect(await agentMessage.first().textContent()).toContain('Alex');

    await customer.page.getByTestId('composer').fill('Meine Rate ist doppelt abgebucht worden');
    await customer.page.getByTestId('send').click();
    await agentPage.locator('[data-testid="message"][data-author="customer"]', { hasText: 'doppelt' }).waitFor({ timeout: 5_000 });
    await screenshot(customer.page, 'handoff-customer');
    await screenshot(agentPage, 'handoff-agent');

    await agentPage.getByTestId('resolve').click();
    await customer.page.getByTestId('csat').waitFor({ timeout: 5_000 });
    await customer.page.locator('.star').nth(4).click();
    await customer.page.getByTestId('csat').locator('button[type="submit"]').click();
    await customer.page.getByTestId('csat').getByRole('status').waitFor();

    // Nothing shown twice after a reload.
    await customer.page.reload();
    await expect.poll(() => customer.page.locator('[data-testid="message"][data-author="agent"]').count(), { timeout: 5_000 }).toBe(1);
    // The operator sees the rating and the hand-off in the quality figures.
    await agentPage.goto('/ops');
    await expect.poll(() => agentPage.getByTestId('metric-csat').textContent(), { timeout: 5_000 }).toMatch(/\/ 5/);
    expect(await agentPage.getByTestId('metric-handoff-rate').textContent()).toMatch(/%/);
    expect(await agentPage.getByTestId('metric-containment').textContent()).toMatch(/%/);
    await screenshot(agentPage, 'ops');
    expect(customer.errors).toEqual([]);
    expect(agentErrors).toEqual([]);
    await agent.close();
    await customer.context.close();
  });
});
