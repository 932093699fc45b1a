import type { MemberLevel } from '@octopus/contracts';
import type { Queryable } from '@octopus/db';
import { nationalNumber } from './identity';

// SQL of the identity checks (the IVR's and the agent's).

/** The account a phone (national or +86) is registered to, with its name; null when none. */
export async function ownerOfPhone(db: Queryable, rawPhone: string): Promise<{ userId: string; name: string; level: MemberLevel } | null> {
  const phone = nationalNumber(rawPhone);
  const rows = await db.query<{ user_id: string; name: string; level: MemberLevel }>(
    'SELECT p.user_id, u.name, u.level FROM user_phones p JOIN users u ON u.id = p.user_id WHERE p.phone = $1',
    [phone],
  );
  // The membership level sets the caller's queue priority at the cti-server (its routing rules).
  return rows[0] ? { userId: rows[0].user_id, name: rows[0].name, level: rows[0].level } : null;
}

/** Whether `phone` (11 national digits) is one of `userId`'s registered phones. */
export async function phoneBelongsTo(db: Queryable, phone: string, userId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM user_phones WHERE phone = $1 AND user_id = $2', [phone, userId]);
  return rows.length > 0;
}

/** Whether `userId`'s ID number ends with `suffix` (upper case, X for the check digit 10). */
export async function idSuffixMatches(db: Queryable, userId: string, suffix: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM users WHERE id = $1 AND right(id_number, $2) = $3', [userId, suffix.length, suffix]);
  return rows.length > 0;
}
