import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env';
import { readConfig } from './config';
import { openDb } from './data/db';
import { errorBody, handleError } from './middleware/errors';
import { sessionMiddleware } from './middleware/session';
import { agent } from './routes/agent';
import { chat } from './routes/chat';
import { conversations } from './routes/conversations';
import { orders } from './routes/orders';
import { dev, session } from './routes/session';

const context = createMiddleware<AppEnv>(async function context(c, next) {
  c.set('config', readConfig(c.env));
  c.set('db', openDb(c.env.DB));
  await next();
});

const app = new Hono<AppEnv>()
  .use('/api/*', secureHeaders(), context, sessionMiddleware)
  .route('/api/dev', dev)
  .route('/api/session', session)
  .route('/api/chat', chat)
  .route('/api/conversations', conversations)
  .route('/api/orders', orders)
  .route('/api/agent', agent)
  .get('/api/health', (c) => c.json({ ok: true }));

app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
app.onError(handleError);

export default app;
export type App = typeof app;
export { HandoffRoom } from './rooms/handoff-room';
export { AgentLobby } from './rooms/agent-lobby';
