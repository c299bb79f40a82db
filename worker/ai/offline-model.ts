import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { AiCategory } from '../../shared/categories';
import type { KbSlug } from '../../shared/kb';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/locales';
import { triage } from '../policy/triage';
import { phrase } from './phrases';
import type { OrderView } from './tools';

/** Per-call settings the chat route passes as `providerOptions.baton`. */
export interface OfflineOptions {
  locale: Locale;
  signedIn: boolean;
  /** Prefix the reply with the AI disclosure (first reply of a conversation). */
  disclose: boolean;
}

type Plan =
  | { kind: 'tool'; toolName: string; input: Record<string, unknown> }
  | { kind: 'text'; text: string };

interface ToolResult {
  toolName: string;
  output: unknown;
}

const ACCOUNT_INTENTS: ReadonlySet<string> = new Set(['order_status', 'payment_info', 'refund_status', 'refund_request']);

const ORDER_NUMBER = /(?:^|[^\d])(\d{6,12})(?!\d)/;

const TOPIC: Partial<Record<AiCategory, KbSlug>> = {
  returns: 'returns',
  account_help: 'sign-in',
  refund_status: 'refund-timing',
  payment_info: 'payment-schedule',
  order_status: 'delivery',
};

const usage: LanguageModelV4Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

/**
 * The built-in model: a real implementation of the AI SDK language-model interface that
 * needs no network. It recognises the simple intents in every locale (with the triage's
 * lexicons), calls the same tools through the normal tool loop, and answers from their
 * results and the help centre with phrasing from locales/<code>/assistant.json.
 */
export class OfflineModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'baton';
  readonly modelId = 'offline';
  readonly supportedUrls = {};

  constructor(private readonly wordDelayMs = 12) {}

  async doGenerate(options: LanguageModelV4CallOptions) {
    const plan = this.#plan(options);
    const content: LanguageModelV4Content[] =
      plan.kind === 'tool'
        ? [{ type: 'tool-call', toolCallId: crypto.randomUUID(), toolName: plan.toolName, input: JSON.stringify(plan.input) }]
        : [{ type: 'text', text: plan.text }];
    return { content, finishReason: finish(plan), usage, warnings: [] };
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const plan = this.#plan(options);
    const delay = this.wordDelayMs;
    const signal = options.abortSignal;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      async start(controller) {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        if (plan.kind === 'tool') {
          controller.enqueue({ type: 'tool-call', toolCallId: crypto.randomUUID(), toolName: plan.toolName, input: JSON.stringify(plan.input) });
        } else {
          const id = crypto.randomUUID();
          controller.enqueue({ type: 'text-start', id });
          for (const piece of words(plan.text)) {
            if (signal?.aborted) break;
            controller.enqueue({ type: 'text-delta', id, delta: piece });
            if (delay > 0) await new Promise((r) => setTimeout(r, delay));
          }
          controller.enqueue({ type: 'text-end', id });
        }
        controller.enqueue({ type: 'finish', finishReason: finish(plan), usage });
        controller.close();
      },
    });
    return { stream };
  }

  #plan(options: LanguageModelV4CallOptions): Plan {
    const settings = readSettings(options);
    const { prompt } = options;
    const lastUser = prompt.findLastIndex((m) => m.role === 'user');
    const userMessage = prompt[lastUser];
    const text =
      userMessage?.role === 'user' ? userMessage.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ') : '';
    const results: ToolResult[] = [];
    for (const message of prompt.slice(lastUser + 1)) {
      if (message.role !== 'tool') continue;
      for (const part of message.content) {
        if (part.type === 'tool-result') {
          const out = part.output;
          results.push({ toolName: part.toolName, output: out.type === 'json' ? out.value : out.type === 'text' ? out.value : null });
        }
      }
    }
    const intent = triage(text);
    const say = (body: string): Plan => ({
      kind: 'text',
      text: settings.disclose ? `${phrase(settings.locale, 'disclosure')}\n\n${body}` : body,
    });
    const last = results.at(-1);
    if (!last) return this.#firstStep(text, intent.route === 'human' ? 'human' : (intent.category as AiCategory), settings) ?? say(phrase(settings.locale, 'cannot_help'));
    const answer = new Answerer(settings.locale, settings.signedIn);
    const next = answer.followUp(last, intent.category as AiCategory);
    if (next) return next;
    return say(answer.text(last, intent.category as AiCategory));
  }

  #firstStep(text: string, intent: AiCategory | 'human', s: OfflineOptions): Plan | undefined {
    const orderId = ORDER_NUMBER.exec(text)?.[1];
    const tool = (toolName: string, input: Record<string, unknown> = {}): Plan => ({ kind: 'tool', toolName, input });
    if (intent === 'human') return tool('handoff_to_human', { category: 'other', summary: text.slice(0, 500) });
    const needsAccount = ACCOUNT_INTENTS.has(intent);
    if (needsAccount && !s.signedIn) return tool('search_help_center', { query: text, topic: TOPIC[intent] });
    switch (intent) {
      case 'order_status':
      case 'refund_status':
        return orderId ? tool('get_order', { orderId }) : tool('list_orders');
      case 'payment_info':
        return tool('get_payment_schedule');
      case 'refund_request':
        return orderId ? tool('request_refund', { orderId }) : tool('list_orders');
      default:
        return tool('search_help_center', { query: text, ...(TOPIC[intent] ? { topic: TOPIC[intent] } : {}) });
    }
  }
}

function readSettings(options: LanguageModelV4CallOptions): OfflineOptions {
  const raw = (options.providerOptions?.baton ?? {}) as Record<string, unknown>;
  return {
    locale: isLocale(raw.locale) ? raw.locale : DEFAULT_LOCALE,
    signedIn: raw.signedIn === true,
    disclose: raw.disclose === true,
  };
}

function finish(plan: Plan): LanguageModelV4FinishReason {
  return { unified: plan.kind === 'tool' ? 'tool-calls' : 'stop', raw: undefined };
}

/** Splits text into streamable pieces: words with their spaces, or short runs in unspaced scripts. */
export function words(text: string): string[] {
  const pieces = text.match(/\S+\s*|\s+/g) ?? [];
  return pieces.flatMap((p) => (p.length > 12 && !/\s/.test(p.trim()) ? (p.match(/.{1,4}/gsu) ?? [p]) : [p]));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Turns tool results into the customer's language. */
class Answerer {
  constructor(
    private readonly locale: Locale,
    private readonly signedIn: boolean,
  ) {}

  #t(key: string, vars: Json = {}) {
    return phrase(this.locale, key, vars);
  }

  /** A second tool call that the first result calls for (a refund once the order is known). */
  followUp(last: ToolResult, intent: AiCategory): Plan | undefined {
    if (last.toolName !== 'list_orders' || intent !== 'refund_request' || !isObject(last.output)) return undefined;
    const orders = (last.output.orders ?? []) as OrderView[];
    const eligible = orders.filter((o) => o.refundable !== null && o.refunds.length === 0);
    if (eligible.length === 1) return { kind: 'tool', toolName: 'request_refund', input: { orderId: eligible[0]!.id } };
    return undefined;
  }

  text(last: ToolResult, intent: AiCategory): string {
    const out = isObject(last.output) ? last.output : {};
    if (out.error === 'sign_in_required') return this.#t('sign_in_needed');
    switch (last.toolName) {
      case 'get_order':
        if (out.error === 'order_not_found') return this.#t('order_not_found', { id: out.orderId });
        return this.#order(out.order as OrderView, intent);
      case 'list_orders':
        return this.#orders((out.orders ?? []) as OrderView[], intent);
      case 'get_payment_schedule':
        return this.#payments(out);
      case 'request_refund':
        return this.#refund(out);
      case 'search_help_center': {
        const articles = (out.articles ?? []) as { summary: string }[];
        const signIn = !this.signedIn && ACCOUNT_INTENTS.has(intent) ? `${this.#t('sign_in_needed')}\n\n` : '';
        const [first] = articles;
        if (!first) return signIn ? signIn.trim() : this.#t('cannot_help');
        return `${signIn}${this.#t('help_article', { summary: first.summary })}\n\n${this.#t('anything_else')}`;
      }
      case 'handoff_to_human':
        return this.#t('handoff_done');
      default:
        return this.#t('cannot_help');
    }
  }

  #order(o: OrderView, intent: AiCategory): string {
    if (intent === 'refund_status' || intent === 'refund_request') {
      const refunds = this.#refundLines(o);
      if (refunds) return refunds;
    }
    const vars = { id: o.id, merchant: o.merchant, items: o.items, carrier: o.carrier ?? '', url: o.trackingUrl ?? '' };
    switch (o.status) {
      case 'in_transit':
        return this.#t('order_in_transit', { ...vars, date: o.estimatedDelivery });
      case 'delivered':
        return this.#t('order_delivered', { ...vars, date: o.deliveredAt });
      case 'returned':
        return this.#t('order_returned', { ...vars, date: o.returnReceivedAt });
      case 'cancelled':
        return this.#t('order_cancelled', vars);
      default:
        return this.#t('order_processing', vars);
    }
  }

  #refundLines(o: OrderView): string | undefined {
    if (o.refunds.length > 0) {
      return o.refunds
        .map((r) => this.#t('refund_line', { amount: r.amount, id: o.id, status: this.#t(`refund_status.${r.status}`) }))
        .join('\n');
    }
    if (o.refundable !== null) {
      return this.#t('refund_awaiting', { id: o.id, merchant: o.merchant, date: o.returnReceivedAt ?? o.placedAt, amount: o.refundable });
    }
    return undefined;
  }

  #orders(orders: OrderView[], intent: AiCategory): string {
    if (orders.length === 0) return this.#t('no_orders');
    if (intent === 'refund_status') {
      const lines = orders.map((o) => this.#refundLines(o)).filter((l): l is string => Boolean(l));
      return lines.length ? lines.join('\n') : this.#t('no_refunds');
    }
    if (intent === 'refund_request') {
      const eligible = orders.filter((o) => o.refundable !== null && o.refunds.length === 0);
      if (eligible.length === 0) return this.#t('refund_none_eligible');
      return this.#t('refund_which_order', { orders: eligible.map((o) => `${o.id} (${o.merchant}, ${o.refundable})`).join(', ') });
    }
    const moving = orders.filter((o) => o.status === 'in_transit' || o.status === 'processing');
    if (moving.length > 0) return moving.map((o) => this.#order(o, intent)).join('\n\n');
    const lines = orders.map((o) =>
      this.#t('order_line', { id: o.id, merchant: o.merchant, items: o.items, total: o.total, status: this.#t(`status.${o.status}`) }),
    );
    return `${this.#t('orders_intro')}\n${lines.join('\n')}`;
  }

  #payments(out: Json): string {
    const open = (out.instalments ?? []) as { orderId: string; dueDate: string; amount: string; status: string }[];
    if (open.length === 0) return this.#t('no_payments_due');
    const lines = open
      .filter((i) => i.status === 'overdue')
      .map((i) => this.#t('overdue_payment', { amount: i.amount, id: i.orderId, date: i.dueDate }));
    const next = open.find((i) => i.status === 'due');
    if (next) lines.push(this.#t('next_payment', { amount: next.amount, id: next.orderId, date: next.dueDate }));
    lines.push(this.#t('remaining_balance', { amount: out.remaining }));
    return lines.join('\n');
  }

  #refund(out: Json): string {
    if (typeof out.refused === 'string') {
      return this.#t(`refund_refused.${out.refused}`, { id: out.orderId, amount: out.refundable ?? '' });
    }
    const vars = { amount: out.amount, id: out.orderId };
    if (out.outcome === 'existing') return this.#t('refund_exists', { ...vars, status: this.#t(`refund_status.${String(out.status)}`) });
    return this.#t(out.needsApproval ? 'refund_needs_approval' : 'refund_created', vars);
  }
}
