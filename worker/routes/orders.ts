import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { listInstalments, listOrders } from '../data/orders';
import { requireCustomer } from '../middleware/session';

export const orders = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { customerId } = requireCustomer(c);
    return c.json({ orders: await listOrders(c.var.db, customerId) });
  })
  .get('/instalments', async (c) => {
    const { customerId } = requireCustomer(c);
    return c.json({ instalments: await listInstalments(c.var.db, customerId) });
  });
