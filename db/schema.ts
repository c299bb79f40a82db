import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const customers = sqliteTable('customers', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  locale: text('locale').notNull(),
  country: text('country').notNull(),
  currency: text('currency').notNull(),
  /** The customer's id in the operator's own app, used by the token exchange. */
  externalId: text('external_id').unique(),
  createdAt: createdAt(),
});

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['agent', 'supervisor'] }).notNull(),
  locale: text('locale').notNull(),
  /** JSON array of locale codes the agent can serve. */
  languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
  /** PBKDF2 hash (`pbkdf2$iterations$salt$hash`), null for demo-only agents. */
  passwordHash: text('password_hash'),
  createdAt: createdAt(),
});

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull().references(() => customers.id),
    merchant: text('merchant').notNull(),
    status: text('status', {
      enum: ['processing', 'in_transit', 'delivered', 'returned', 'cancelled'],
    }).notNull(),
    currency: text('currency').notNull(),
    /** Money is stored in minor units of the currency (cents, öre, yen). */
    totalMinor: integer('total_minor').notNull(),
    paidMinor: integer('paid_minor').notNull(),
    placedAt: text('placed_at').notNull(),
    estimatedDelivery: text('estimated_delivery'),
    deliveredAt: text('delivered_at'),
    returnReceivedAt: text('return_received_at'),
    carrier: text('carrier'),
    trackingUrl: text('tracking_url'),
  },
  (t) => [index('orders_customer').on(t.customerId)],
);

export const orderItems = sqliteTable('order_items', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull().references(() => orders.id),
  name: text('name').notNull(),
  quantity: integer('quantity').notNull(),
  unitPriceMinor: integer('unit_price_minor').notNull(),
});

export const instalments = sqliteTable(
  'instalments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    customerId: text('customer_id').notNull().references(() => customers.id),
    number: integer('number').notNull(),
    dueDate: text('due_date').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    status: text('status', { enum: ['paid', 'due', 'overdue'] }).notNull(),
  },
  (t) => [index('instalments_customer').on(t.customerId)],
);

export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    customerId: text('customer_id').notNull().references(() => customers.id),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status', {
      enum: ['pending_approval', 'approved', 'completed', 'rejected'],
    }).notNull(),
    /** A retried or concurrent identical request maps to the same key, so it makes one refund. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    reason: text('reason'),
    conversationId: text('conversation_id'),
    decidedBy: text('decided_by'),
    createdAt: createdAt(),
    decidedAt: integer('decided_at'),
  },
  (t) => [index('refunds_order').on(t.orderId)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').references(() => customers.id),
    visitorId: text('visitor_id'),
    locale: text('locale').notNull(),
    status: text('status', { enum: ['ai', 'queued', 'human', 'resolved'] }).notNull().default('ai'),
    /** How the conversation ended, for quality figures. */
    outcome: text('outcome', { enum: ['resolved_by_ai', 'handed_off', 'resolved_by_human'] }),
    title: text('title'),
    /** Consecutive failed model turns; two in a row hand the conversation off. */
    modelFailures: integer('model_failures').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('conversations_customer').on(t.customerId, t.updatedAt)],
);

export const messages = sqliteTable(
  'messages',
  {
    /** Made by the client (UUIDv7) for customer messages, so a retry is stored once. */
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    seq: integer('seq').notNull(),
    author: text('author', { enum: ['customer', 'ai', 'agent', 'system'] }).notNull(),
    agentId: text('agent_id'),
    text: text('text').notNull(),
    /** AI SDK UI message parts (text, tool calls with their results). */
    parts: text('parts', { mode: 'json' }).$type<unknown[]>(),
    /** The customer message an AI reply answers: at most one reply per message. */
    replyTo: text('reply_to').unique(),
    locale: text('locale'),
    model: text('model'),
    firstTokenMs: integer('first_token_ms'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('messages_conversation_seq').on(t.conversationId, t.seq)],
);

export const handoffs = sqliteTable(
  'handoffs',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    category: text('category').notNull(),
    reason: text('reason').notNull(),
    /** Lower is more urgent (see shared/categories.ts). */
    priority: integer('priority').notNull(),
    source: text('source', { enum: ['triage', 'customer', 'model', 'policy'] }).notNull(),
    status: text('status', { enum: ['queued', 'claimed', 'resolved', 'released'] }).notNull(),
    caseCard: text('case_card', { mode: 'json' }).$type<Record<string, unknown>>(),
    agentId: text('agent_id'),
    createdAt: createdAt(),
    claimedAt: integer('claimed_at'),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('handoffs_status').on(t.status, t.priority, t.createdAt)],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id'),
    customerId: text('customer_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_conversation').on(t.conversationId)],
);

export const kbArticles = sqliteTable(
  'kb_articles',
  {
    id: text('id').primaryKey(),
    locale: text('locale').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [uniqueIndex('kb_locale_slug').on(t.locale, t.slug)],
);

export const ratings = sqliteTable('ratings', {
  conversationId: text('conversation_id').primaryKey().references(() => conversations.id),
  score: integer('score').notNull(),
  comment: text('comment'),
  createdAt: createdAt(),
});
