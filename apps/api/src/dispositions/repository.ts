import type { DispositionRef, DispositionListResponse, InternalWrapUpPolicy } from '@octopus/contracts';
import type { Queryable } from '@octopus/db';

// Wrap-up codes (dispositions): a configured list per skill group (`dispositions`) and whether the
// group requires one before after-call work ends (`skill_group_wrap_up`). Migration 5.

interface DispositionRow {
  code: string;
  label_zh: string;
  label_en: string;
}

export function dispositionRef(code: string | null, labelZh: string | null, labelEn: string | null): DispositionRef | null {
  if (code === null) return null;
  // A code whose row was removed keeps showing as its code rather than vanishing from the record.
  return { code, label: { 'zh-CN': labelZh ?? code, 'en-US': labelEn ?? code } };
}

/** The active codes of `skillGroup` in display order, and whether one is required. */
export async function listDispositions(db: Queryable, skillGroup: string): Promise<DispositionListResponse> {
  const rows = await db.query<DispositionRow>(
    'SELECT code, label_zh, label_en FROM dispositions WHERE skill_group = $1 AND active ORDER BY position, code',
    [skillGroup],
  );
  const settings = await db.query<{ disposition_required: boolean }>('SELECT disposition_required FROM skill_group_wrap_up WHERE skill_group = $1', [skillGroup]);
  return {
    skillGroup,
    required: settings[0]?.disposition_required === true,
    dispositions: rows.map((r) => dispositionRef(r.code, r.label_zh, r.label_en) as DispositionRef),
  };
}

/** Every configured group: whether it requires a code, and its active codes (for the cti-server, which enforces it). */
export async function wrapUpPolicy(db: Queryable): Promise<InternalWrapUpPolicy> {
  const settings = await db.query<{ skill_group: string; disposition_required: boolean }>('SELECT skill_group, disposition_required FROM skill_group_wrap_up ORDER BY skill_group');
  const codes = await db.query<{ skill_group: string; code: string }>('SELECT skill_group, code FROM dispositions WHERE active ORDER BY skill_group, position, code');
  const groups = new Map<string, { skillGroup: string; required: boolean; codes: string[] }>();
  for (const s of settings) groups.set(s.skill_group, { skillGroup: s.skill_group, required: s.disposition_required === true, codes: [] });
  for (const c of codes) {
    const g = groups.get(c.skill_group) ?? { skillGroup: c.skill_group, required: false, codes: [] };
    g.codes.push(c.code);
    groups.set(c.skill_group, g);
  }
  return { groups: [...groups.values()] };
}

/**
 * The wrap-up code the cti-server sent with a record (`setDisposition`, chosen at `at`): stored when it is
 * an active code of the record's group and newer than the record's own, so a later edit by the agent
 * (`PUT /call-records/:callId/disposition`) is not undone by a re-sent record. True when stored.
 */
export async function applyRecordDisposition(db: Queryable, callId: string, code: string, at: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE call_records c SET disposition_code = $2, disposition_at = $3::timestamptz, updated_at = now()
      WHERE c.call_id = $1 AND (c.disposition_at IS NULL OR c.disposition_at < $3::timestamptz)
        AND EXISTS (SELECT 1 FROM dispositions d WHERE d.skill_group = c.skill_group AND d.code = $2 AND d.active)
      RETURNING c.call_id`,
    [callId, code, at],
  );
  return rows.length > 0;
}

/** Whether `code` is an active code of `skillGroup`. */
export async function isActiveDisposition(db: Queryable, skillGroup: string, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM dispositions WHERE skill_group = $1 AND code = $2 AND active', [skillGroup, code]);
  return rows.length > 0;
}

/** The demo list (demo and test modes), per demo skill group; `finance` requires a code. */
export const DEMO_DISPOSITIONS: Readonly<Record<string, { required: boolean; codes: ReadonlyArray<[code: string, zh: string, en: string]> }>> = {
  presale: {
    required: false,
    codes: [
      ['product-info', '商品咨询', 'Product information'],
      ['size-advice', '尺码建议', 'Size advice'],
      ['promotion', '活动优惠', 'Promotion'],
      ['order-placed', '协助下单', 'Helped place an order'],
      ['other', '其他', 'Other'],
    ],
  },
  aftersale: {
    required: false,
    codes: [
      ['order-status', '订单物流查询', 'Order or delivery status'],
      ['return-refund', '退货退款', 'Return or refund'],
      ['authentication', '鉴定问题', 'Authentication question'],
      ['complaint', '投诉', 'Complaint'],
      ['ticket-opened', '已建工单', 'Ticket opened'],
      ['other', '其他', 'Other'],
    ],
  },
  finance: {
    required: true,
    codes: [
      ['consignment-payout', '寄售结算', 'Consignment payout'],
      ['loan-repayment', '分期还款', 'Loan repayment'],
      ['credit-limit', '额度问题', 'Credit limit'],
      ['other', '其他', 'Other'],
    ],
  },
};

/** Seeds the demo list once: a database with any wrap-up configuration (edited by its operators) is left alone. */
export async function seedDemoDispositions(db: Queryable): Promise<void> {
  if ((await db.query('SELECT 1 FROM skill_group_wrap_up LIMIT 1')).length > 0) return;
  for (const [group, { required, codes }] of Object.entries(DEMO_DISPOSITIONS)) {
    await db.query('INSERT INTO skill_group_wrap_up (skill_group, disposition_required) VALUES ($1, $2) ON CONFLICT (skill_group) DO NOTHING', [group, required]);
    for (const [index, [code, zh, en]] of codes.entries()) {
      await db.query(
        'INSERT INTO dispositions (skill_group, code, label_zh, label_en, position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (skill_group, code) DO NOTHING',
        [group, code, zh, en, index + 1],
      );
    }
  }
}
