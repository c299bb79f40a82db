/**
 * Demo data of the contract: seven customers in their own languages and currencies, each
 * with an order in transit, one delivered, one returned and awaiting its refund, and
 * instalments due; two agents. Dates are relative to the day the seed runs.
 */
import type { InferInsertModel } from 'drizzle-orm';
import type * as schema from '../schema';

type Customer = InferInsertModel<typeof schema.customers>;
type Agent = InferInsertModel<typeof schema.agents>;
type Order = InferInsertModel<typeof schema.orders>;
type OrderItem = InferInsertModel<typeof schema.orderItems>;
type Instalment = InferInsertModel<typeof schema.instalments>;

interface CustomerSeed {
  customer: Omit<Customer, 'createdAt'>;
  /** Order number prefix, so every customer's numbers are distinct. */
  prefix: string;
  merchants: [string, string, string];
  items: [[string, number], [string, number], [string, number]];
}

const CUSTOMERS: CustomerSeed[] = [
  {
    customer: { id: 'cus_emma', email: 'emma@example.com', name: 'Emma Clarke', locale: 'en', country: 'GB', currency: 'GBP', externalId: 'ext-emma' },
    prefix: '44',
    merchants: ['Northwind Outdoor', 'Bloom & Co', 'Hartley Shoes'],
    items: [['Waterproof hiking jacket', 12900], ['Linen bedding set', 8450], ['Leather trainers', 6400]],
  },
  {
    customer: { id: 'cus_lars', email: 'lars@example.com', name: 'Lars Andersson', locale: 'sv', country: 'SE', currency: 'SEK', externalId: 'ext-lars' },
    prefix: '46',
    merchants: ['Fjällbutiken', 'Hemma Design', 'Cykelkraft'],
    items: [['Vinterjacka', 189900], ['Kaffebryggare', 79900], ['Cykelhjälm', 64900]],
  },
  {
    customer: { id: 'cus_ana', email: 'ana@example.com', name: 'Ana García', locale: 'es', country: 'ES', currency: 'EUR', externalId: 'ext-ana' },
    prefix: '34',
    merchants: ['Moda Sol', 'Casa Luz', 'Zapatería Rivera'],
    items: [['Vestido de verano', 5990], ['Lámpara de mesa', 4500], ['Zapatillas de running', 8995]],
  },
  {
    customer: { id: 'cus_mei', email: 'mei@example.com', name: '王美', locale: 'zh-Hans', country: 'CN', currency: 'CNY', externalId: 'ext-mei' },
    prefix: '86',
    merchants: ['优品生活', '青禾家居', '悦动运动'],
    items: [['无线耳机', 89900], ['空气净化器', 129900], ['跑步鞋', 45900]],
  },
  {
    customer: { id: 'cus_omar', email: 'omar@example.com', name: 'عمر الحربي', locale: 'ar', country: 'SA', currency: 'SAR', externalId: 'ext-omar' },
    prefix: '96',
    merchants: ['متجر النخبة', 'بيت الأناقة', 'عالم الرياضة'],
    items: [['ساعة ذكية', 79900], ['طقم فناجين', 24900], ['حذاء رياضي', 39900]],
  },
  {
    customer: { id: 'cus_yuki', email: 'yuki@example.com', name: '佐藤 由紀', locale: 'ja', country: 'JP', currency: 'JPY', externalId: 'ext-yuki' },
    prefix: '81',
    merchants: ['さくら雑貨', 'みどり家電', 'はやて靴店'],
    items: [['電気ケトル', 6980], ['ワイヤレススピーカー', 12800], ['ランニングシューズ', 9900]],
  },
  {
    customer: { id: 'cus_anna', email: 'anna@example.com', name: 'Anna Schmidt', locale: 'de', country: 'DE', currency: 'EUR', externalId: 'ext-anna' },
    prefix: '49',
    merchants: ['Alpenblick Sport', 'Wohnwerk', 'Schuhhaus Berger'],
    items: [['Winterjacke', 17900], ['Kaffeevollautomat', 34900], ['Laufschuhe', 11990]],
  },
];

export const AGENTS: Omit<Agent, 'createdAt'>[] = [
  { id: 'agt_alex', email: 'agent@example.com', name: 'Alex Morgan', role: 'agent', locale: 'en', languages: ['en', 'es', 'sv'], passwordHash: null },
  { id: 'agt_sam', email: 'supervisor@example.com', name: 'Sam Rivera', role: 'supervisor', locale: 'en', languages: ['en'], passwordHash: null },
];

const day = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface SeedRows {
  customers: Omit<Customer, 'createdAt'>[];
  agents: Omit<Agent, 'createdAt'>[];
  orders: Order[];
  orderItems: OrderItem[];
  instalments: Instalment[];
}

/** Builds the demo rows; ids are fixed so seeding twice changes nothing. */
export function seedRows(now: Date): SeedRows {
  const t = now.getTime();
  const rows: SeedRows = { customers: [], agents: AGENTS, orders: [], orderItems: [], instalments: [] };
  for (const { customer, prefix, merchants, items } of CUSTOMERS) {
    rows.customers.push(customer);
    const base = { customerId: customer.id, currency: customer.currency };
    const [transitItem, deliveredItem, returnedItem] = items;
    const inTransit = `${prefix}10${customer.id.length}031`;
    const delivered = `${prefix}20${customer.id.length}552`;
    const returned = `${prefix}30${customer.id.length}774`;
    rows.orders.push(
      {
        ...base, id: inTransit, merchant: merchants[0], status: 'in_transit',
        totalMinor: transitItem[1], paidMinor: Math.round(transitItem[1] / 4),
        placedAt: isoDate(t - 3 * day), estimatedDelivery: isoDate(t + 2 * day),
        carrier: 'DHL', trackingUrl: `https://track.example.com/${inTransit}`,
      },
      {
        ...base, id: delivered, merchant: merchants[1], status: 'delivered',
        totalMinor: deliveredItem[1], paidMinor: Math.round(deliveredItem[1] / 2),
        placedAt: isoDate(t - 30 * day), estimatedDelivery: isoDate(t - 25 * day), deliveredAt: isoDate(t - 25 * day),
        carrier: 'UPS', trackingUrl: `https://track.example.com/${delivered}`,
      },
      {
        ...base, id: returned, merchant: merchants[2], status: 'returned',
        totalMinor: returnedItem[1], paidMinor: returnedItem[1],
        placedAt: isoDate(t - 20 * day), estimatedDelivery: isoDate(t - 16 * day), deliveredAt: isoDate(t - 16 * day),
        returnReceivedAt: isoDate(t - 2 * day), carrier: 'DPD',
      },
    );
    for (const [orderId, [name, price]] of [[inTransit, transitItem], [delivered, deliveredItem], [returned, returnedItem]] as const) {
      rows.orderItems.push({ id: `${orderId}-1`, orderId, name, quantity: 1, unitPriceMinor: price });
    }
    // Four instalments, one at purchase and then every 14 days.
    for (const [orderId, placedDaysAgo, total, paidCount] of [
      [inTransit, 3, transitItem[1], 1],
      [delivered, 30, deliveredItem[1], 2],
    ] as const) {
      const share = Math.floor(total / 4);
      for (let n = 1; n <= 4; n++) {
        const due = t - placedDaysAgo * day + (n - 1) * 14 * day;
        rows.instalments.push({
          id: `${orderId}-i${n}`, orderId, customerId: customer.id, number: n, dueDate: isoDate(due),
          amountMinor: n === 4 ? total - share * 3 : share,
          status: n <= paidCount ? 'paid' : due < t ? 'overdue' : 'due',
        });
      }
    }
  }
  return rows;
}
