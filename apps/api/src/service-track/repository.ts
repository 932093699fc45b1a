import type { ServiceEvent } from '@octopus/contracts';
import { toIso, type Queryable } from '@octopus/db';
import { dispositionRef } from '../dispositions/repository';
import { maskPhone } from '../mask';

// SQL of the service track: calls, IM sessions and tickets on one timeline.

interface TrackRow {
  id: string;
  channel: ServiceEvent['channel'];
  at: unknown;
  user_id: string | null;
  number: string | null;
  agent_id: string | null;
  direction: 'inbound' | 'outbound' | null;
  title: string;
  summary: string | null;
  ref_id: string;
  extra: string | null;
  disposition_code: string | null;
  disposition_zh: string | null;
  disposition_en: string | null;
}

/**
 * Calls, IM sessions and tickets of the account `userId` or of any of `numbers`, newest first, at most
 * `limit`, before `before` (ISO 8601) when given; numbers masked when `masked`.
 */
export async function loadTrack(
  db: Queryable,
  match: { userId: string | null; numbers: string[] },
  query: { channel?: ServiceEvent['channel'] | undefined; limit: number; before?: string | undefined },
  masked: boolean,
): Promise<ServiceEvent[]> {
  const rows = await db.query<TrackRow>(
    `SELECT * FROM (
       SELECT 'call:' || c.call_id AS id, 'call' AS channel, COALESCE(c.connected_at, c.created_at) AS at, c.user_id, c.number, c.agent_id,
              c.direction, c.skill_group AS title, c.note AS summary, c.call_id AS ref_id, c.end_reason AS extra,
              c.disposition_code, d.label_zh AS disposition_zh, d.label_en AS disposition_en
       FROM call_records c LEFT JOIN dispositions d ON d.skill_group = c.skill_group AND d.code = c.disposition_code
       WHERE c.user_id = $1 OR c.number = ANY($2::text[])
       UNION ALL
       SELECT 'im:' || id, 'im', started_at, user_id, phone, agent_id, NULL, topic, summary, id, NULL, NULL, NULL, NULL
       FROM im_sessions WHERE user_id = $1 OR phone = ANY($2::text[])
       UNION ALL
       SELECT 'ticket:' || id, 'ticket', created_at, user_id, NULL, created_by_agent_id, NULL, title, description, id, status, NULL, NULL, NULL
       FROM tickets WHERE user_id = $1
     ) track
     WHERE ($3::text IS NULL OR channel = $3) AND ($4::timestamptz IS NULL OR at < $4)
     ORDER BY at DESC, id DESC LIMIT $5`,
    [match.userId, match.numbers, query.channel ?? null, query.before ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    at: toIso(row.at),
    userId: row.user_id,
    number: row.number === null ? null : masked ? maskPhone(row.number) : row.number,
    agentId: row.agent_id,
    direction: row.direction,
    title:
      row.channel === 'call'
        ? `${row.direction === 'outbound' ? '外呼' : '来电'}${row.title ? ` · ${row.title}` : ''}`
        : row.channel === 'ticket'
          ? `${row.title} [${row.extra ?? ''}]`
          : row.title,
    summary: row.summary ?? (row.extra ? `结束原因：${row.extra}` : ''),
    refId: row.ref_id,
    disposition: dispositionRef(row.disposition_code, row.disposition_zh, row.disposition_en),
  }));
}

/** The registered phones of a customer. */
export async function phonesOf(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.query<{ phone: string }>('SELECT phone FROM user_phones WHERE user_id = $1', [userId]);
  return rows.map((r) => r.phone);
}

/** The customer a registered phone belongs to; null for an unregistered number. */
export async function userOfPhone(db: Queryable, phone: string): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>('SELECT user_id FROM user_phones WHERE phone = $1', [phone]);
  return rows[0]?.user_id ?? null;
}

/** The agent's newest call with `number` since `since` (ISO 8601); null when there is none. */
export async function recentCallWith(db: Queryable, agentId: string, number: string, since: string): Promise<string | null> {
  const rows = await db.query<{ call_id: string }>(
    'SELECT call_id FROM call_records WHERE agent_id = $1 AND number = $2 AND created_at >= $3 ORDER BY created_at DESC LIMIT 1',
    [agentId, number, since],
  );
  return rows[0]?.call_id ?? null;
}
