import { randomBytes } from 'node:crypto';
import type { AgentRole, InternalAgent } from '@octopus/contracts';
import { SESSION_IDLE_TTL_SECONDS, SESSION_MAX_TTL_SECONDS } from '@octopus/contracts';
import { toIso, type Queryable } from '@octopus/db';

// SQL for accounts (`agents`) and their server-side sessions (`agent_sessions`).

export interface AgentRow {
  id: string;
  name: string;
  password_hash: string;
  role: AgentRole;
  skill_groups: string[];
  disabled: boolean;
  created_at: unknown;
  updated_at: unknown;
}

export function agentView(row: AgentRow): InternalAgent {
  return { id: row.id, name: row.name, role: row.role, skillGroups: row.skill_groups, disabled: row.disabled };
}

export async function findAgent(db: Queryable, id: string): Promise<AgentRow | null> {
  const rows = await db.query<AgentRow>('SELECT * FROM agents WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function listAgents(db: Queryable): Promise<AgentRow[]> {
  return db.query<AgentRow>('SELECT * FROM agents ORDER BY id');
}

export async function insertAgent(
  db: Queryable,
  agent: { id: string; name: string; passwordHash: string; role: AgentRole; skillGroups: readonly string[] },
): Promise<void> {
  await db.query('INSERT INTO agents (id, name, password_hash, role, skill_groups) VALUES ($1, $2, $3, $4, $5::text[])', [
    agent.id, agent.name, agent.passwordHash, agent.role, [...agent.skillGroups],
  ]);
}

/** @returns false when there is no such agent. */
export async function setAgentDisabled(db: Queryable, id: string, disabled: boolean): Promise<boolean> {
  const rows = await db.query('UPDATE agents SET disabled = $2, updated_at = now() WHERE id = $1 RETURNING id', [id, disabled]);
  return rows.length > 0;
}

/** @returns false when there is no such agent. */
export async function setAgentPasswordHash(db: Queryable, id: string, passwordHash: string): Promise<boolean> {
  const rows = await db.query('UPDATE agents SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING id', [id, passwordHash]);
  return rows.length > 0;
}

export async function enabledAgentCount(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM agents WHERE NOT disabled');
  return rows[0]?.n ?? 0;
}

/** Revokes every active session of an agent (disable, password reset). @returns how many. */
export async function revokeAgentSessions(db: Queryable, agentId: string, reason: string, now: number): Promise<number> {
  const rows = await db.query('UPDATE agent_sessions SET revoked_at = $2, revoke_reason = $3 WHERE agent_id = $1 AND revoked_at IS NULL RETURNING id', [
    agentId, new Date(now).toISOString(), reason,
  ]);
  return rows.length;
}

export interface SessionRow {
  id: string;
  agent_id: string;
  created_at: unknown;
  last_renewed_at: unknown;
  expires_at: unknown;
  max_expires_at: unknown;
  revoked_at: unknown;
  revoke_reason: string | null;
  client: string | null;
}

/** A session joined with its account, as the request check needs it. */
export interface SessionWithAgent extends SessionRow {
  name: string;
  role: AgentRole;
  skill_groups: string[];
  disabled: boolean;
}

/** Why a session cannot be used at `now`, or null while it is active. */
export function sessionProblem(session: SessionWithAgent | null, now: number): string | null {
  if (!session) return 'no such session';
  if (session.revoked_at !== null && session.revoked_at !== undefined) return `the session was ended (${session.revoke_reason ?? 'revoked'})`;
  if (session.disabled) return 'the account is disabled';
  if (now >= Date.parse(toIso(session.expires_at))) return 'the session expired (idle)';
  if (now >= Date.parse(toIso(session.max_expires_at))) return 'the session reached its maximum length';
  return null;
}

export async function sessionWithAgent(db: Queryable, sessionId: string): Promise<SessionWithAgent | null> {
  const rows = await db.query<SessionWithAgent>(
    `SELECT s.*, a.name, a.role, a.skill_groups, a.disabled FROM agent_sessions s JOIN agents a ON a.id = s.agent_id WHERE s.id = $1`,
    [sessionId],
  );
  return rows[0] ?? null;
}

/** A new session id: 24 random bytes, base64url (32 characters). */
export function newSessionId(): string {
  return randomBytes(24).toString('base64url');
}

export async function createSession(db: Queryable, agentId: string, client: string | null, now: number, id = newSessionId()): Promise<SessionRow> {
  const at = new Date(now).toISOString();
  const rows = await db.query<SessionRow>(
    `INSERT INTO agent_sessions (id, agent_id, created_at, last_renewed_at, expires_at, max_expires_at, client)
     VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING *`,
    [
      id, agentId, at, new Date(now + SESSION_IDLE_TTL_SECONDS * 1000).toISOString(),
      new Date(now + SESSION_MAX_TTL_SECONDS * 1000).toISOString(), client,
    ],
  );
  return rows[0] as SessionRow;
}

/** Pushes the idle expiry out (never past the session's maximum). */
export async function renewSession(db: Queryable, sessionId: string, now: number): Promise<void> {
  await db.query(
    'UPDATE agent_sessions SET last_renewed_at = $2, expires_at = LEAST($3::timestamptz, max_expires_at) WHERE id = $1',
    [sessionId, new Date(now).toISOString(), new Date(now + SESSION_IDLE_TTL_SECONDS * 1000).toISOString()],
  );
}

/** @returns true when this call revoked it (false: unknown or already revoked). */
export async function revokeSession(db: Queryable, sessionId: string, reason: string, now: number): Promise<boolean> {
  const rows = await db.query('UPDATE agent_sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [
    sessionId, new Date(now).toISOString(), reason,
  ]);
  return rows.length > 0;
}

/** Of `ids`, those that are not active at `now` (unknown ones included). */
export async function inactiveSessions(db: Queryable, ids: readonly string[], now: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const at = new Date(now).toISOString();
  const rows = await db.query<{ id: string }>(
    `SELECT s.id FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
     WHERE s.id = ANY($1::text[]) AND s.revoked_at IS NULL AND NOT a.disabled AND s.expires_at > $2 AND s.max_expires_at > $2`,
    [[...ids], at],
  );
  const active = new Set(rows.map((r) => r.id));
  return [...new Set(ids)].filter((id) => !active.has(id));
}
