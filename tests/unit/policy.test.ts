import { describe, expect, it } from 'vitest';
import { crisisHelp } from '../../worker/policy/crisis';
import { detectLanguage, replyLanguage } from '../../worker/policy/language';
import { checkRefund } from '../../worker/policy/refunds';

const order = { customerId: 'c1', status: 'returned', paidMinor: 10_000, currency: 'EUR' };
const limits = { EUR: 150 };

describe('refund rule', () => {
  it('refunds a returned order within the limit automatically', () => {
    expect(checkRefund({ order, customerId: 'c1', refundedMinor: 0, amountMinor: 10_000, autoLimits: limits })).toEqual({ ok: true, needsApproval: false, refundableMinor: 10_000 });
  });
  it("treats another customer's order as missing", () => {
    expect(checkRefund({ order, customerId: 'c2', refundedMinor: 0, amountMinor: 100, autoLimits: limits })).toMatchObject({ ok: false, reason: 'not_found' });
  });
  it('refuses an order that is not returned or cancelled', () => {
    expect(checkRefund({ order: { ...order, status: 'in_transit' }, customerId: 'c1', refundedMinor: 0, amountMinor: 100, autoLimits: limits })).toMatchObject({ ok: false, reason: 'not_refundable' });
  });
  it('never refunds more than paid minus refunded', () => {
    expect(checkRefund({ order, customerId: 'c1', refundedMinor: 9_000, amountMinor: 1_001, autoLimits: limits })).toMatchObject({ ok: false, reason: 'exceeds_paid', refundableMinor: 1_000 });
    expect(checkRefund({ order, customerId: 'c1', refundedMinor: 0, amountMinor: 0, autoLimits: limits })).toMatchObject({ ok: false, reason: 'invalid_amount' });
  });
  it('asks a person above the limit, or when the currency has no limit', () => {
    const big = { ...order, paidMinor: 50_000 };
    expect(checkRefund({ order: big, customerId: 'c1', refundedMinor: 0, amountMinor: 15_001, autoLimits: limits })).toMatchObject({ ok: true, needsApproval: true });
    expect(checkRefund({ order: big, customerId: 'c1', refundedMinor: 0, amountMinor: 15_000, autoLimits: limits })).toMatchObject({ ok: true, needsApproval: false });
    expect(checkRefund({ order: { ...order, currency: 'SEK' }, customerId: 'c1', refundedMinor: 0, amountMinor: 100, autoLimits: limits })).toMatchObject({ ok: true, needsApproval: true });
  });
  it('reads limits in major units of zero-decimal currencies', () => {
    const yen = { ...order, currency: 'JPY', paidMinor: 30_000 };
    expect(checkRefund({ order: yen, customerId: 'c1', refundedMinor: 0, amountMinor: 24_000, autoLimits: { JPY: 24_000 } })).toMatchObject({ needsApproval: false });
  });
});

describe('crisis help', () => {
  it('shows only verified numbers and the operator’s hotlines', () => {
    expect(crisisHelp('gb', { GB: [{ name: 'Samaritans', phone: '116 123' }] })).toEqual({ emergency: '999', hotlines: [{ name: 'Samaritans', phone: '116 123' }] });
    expect(crisisHelp('SE', {})).toEqual({ emergency: '112', hotlines: [] });
    expect(crisisHelp('ZZ', {})).toEqual({ emergency: null, hotlines: [] });
    expect(crisisHelp(undefined, {})).toEqual({ emergency: null, hotlines: [] });
  });
});

describe('language detection', () => {
  it.each([
    ['Var är mitt paket? Jag har väntat länge', 'sv'],
    ['¿Dónde está mi pedido? Lo pedí hace una semana', 'es'],
    ['Wo ist meine Bestellung? Ich warte schon seit einer Woche', 'de'],
    ['注文はどこですか？', 'ja'],
    ['我的订单在哪里？', 'zh-Hans'],
    ['我的訂單在哪裡？', 'zh-Hant'],
    ['أين طلبي؟ لم يصل بعد', 'ar'],
    ['سفارش من کجاست؟ هنوز نرسیده', 'fa'],
    ['Где мой заказ? Я жду уже неделю', 'ru'],
    ['Де моє замовлення? Я чекаю вже тиждень', 'uk'],
    ['주문한 상품이 어디에 있나요?', 'ko'],
    ['พัสดุของฉันอยู่ที่ไหน', 'th'],
  ])('%s → %s', (text, locale) => {
    expect(detectLanguage(text)).toMatchObject({ locale, confident: true });
  });

  it('falls back to the customer locale when unsure', () => {
    expect(replyLanguage('ok', 'sv')).toBe('sv');
    expect(replyLanguage('12345', 'de')).toBe('de');
  });
});
