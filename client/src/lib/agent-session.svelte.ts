import { api, type SessionInfo } from './api';

/** The signed-in agent (console and dashboard), with demo sign-in where it is on. */
export class AgentSession {
  session = $state<SessionInfo | null>(null);
  demoAgents = $state<{ email: string; name: string; role: string }[]>([]);

  async refresh(): Promise<void> {
    this.session = await api<SessionInfo>('/api/session');
    if (this.session.kind !== 'agent' && this.session.demo) {
      this.demoAgents = (await api<{ agents: { email: string; name: string; role: string }[] }>('/api/dev/accounts')).agents;
    }
  }

  async signInWithPassword(email: string, password: string): Promise<void> {
    await api('/api/session/agent', { method: 'POST', json: { email, password } });
    await this.refresh();
  }

  async signIn(email: string): Promise<void> {
    await api('/api/dev/agent-session', { method: 'POST', json: { email } });
    await this.refresh();
  }
}
