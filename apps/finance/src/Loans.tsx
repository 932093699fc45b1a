import { formatDateTime, formatFen, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { CreditLine, Loan } from '@octopus/contracts';
import { Descriptions, Empty, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { useLoans } from './hooks/useLoans';
import { installmentStatusMessages, loanStatusMessages, messages, withdrawReasonMessages } from './messages';
import { QueryState } from './QueryState';

export function Loans({ client, scope }: { client: ApiClient; scope: CustomerScope }) {
  const t = useT(messages);
  const query = useLoans(client, scope);
  return (
    <QueryState query={query}>
      {(data) => (
        <>
          <Credit credit={data.credit} />
          {data.loans.length === 0 ? (
            <Empty description={t('noLoans')} />
          ) : (
            data.loans.map((loan) => <LoanCard key={loan.loanId} loan={loan} />)
          )}
        </>
      )}
    </QueryState>
  );
}

function Credit({ credit }: { credit: CreditLine }) {
  const t = useT(messages);
  const tr = useT(withdrawReasonMessages);
  const locale = useLocale();
  return (
    <section data-testid="credit" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Typography.Text strong>{t('credit')}</Typography.Text>
        <Typography.Text>
          {t('limit')} {formatFen(credit.limitFen, locale)} · {t('used')} {formatFen(credit.usedFen, locale)} · {t('available')} {formatFen(credit.availableFen, locale)}
        </Typography.Text>
        {credit.canWithdraw ? (
          <Tag color="green" data-testid="withdraw">
            {t('canWithdraw')}
          </Tag>
        ) : (
          <Tag color="red" data-testid="withdraw">
            {t('cannotWithdraw', { reason: credit.withdrawBlockedReason ? tr(credit.withdrawBlockedReason) : '—' })}
          </Tag>
        )}
      </Space>
      {credit.frozenNote ? <Typography.Paragraph type="warning">{credit.frozenNote}</Typography.Paragraph> : null}
    </section>
  );
}

function LoanCard({ loan }: { loan: Loan }) {
  const t = useT(messages);
  const ts = useT(loanStatusMessages);
  const ti = useT(installmentStatusMessages);
  const locale = useLocale();
  const overdue = loan.overdue.count > 0;
  return (
    <article data-loan-id={loan.loanId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space wrap size={4} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{loan.loanId}</Typography.Text>
        <Typography.Text>{loan.product}</Typography.Text>
        <Tag color={loan.status === 'overdue' ? 'red' : loan.status === 'settled' ? 'default' : 'blue'}>{ts(loan.status)}</Tag>
      </Space>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('principal')}>
          {formatFen(loan.principalFen, locale)} · {t('term', { n: loan.termMonths })} · {t('rate', { rate: (loan.annualRateBp / 100).toFixed(2) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('outstanding')}>{formatFen(loan.outstandingFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('nextDue')}>
          <span data-testid="next-due">
            {loan.nextDue ? t('nextDueValue', { seq: loan.nextDue.seq, date: loan.nextDue.dueDate, amount: formatFen(loan.nextDue.amountFen, locale) }) : t('noNextDue')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('overdue')}>
          <Typography.Text type={overdue ? 'danger' : undefined} data-testid="overdue">
            {overdue ? t('overdueValue', { count: loan.overdue.count, amount: formatFen(loan.overdue.amountFen, locale), days: loan.overdue.maxDays }) : t('notOverdue')}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <details>
        <summary>{t('installments')}</summary>
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }}>
          <thead>
            <tr>
              <th align="left">{t('seq')}</th>
              <th align="left">{t('dueDate')}</th>
              <th align="right">{t('amount')}</th>
              <th align="right">{t('paid')}</th>
              <th align="left">{t('instStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {loan.installments.map((row) => (
              <tr key={row.seq} data-installment={row.seq} data-status={row.status}>
                <td>{row.seq}</td>
                <td>{row.dueDate}</td>
                <td align="right">{formatFen(row.amountFen, locale)}</td>
                <td align="right" title={row.paidAt ? formatDateTime(row.paidAt, locale) : undefined}>
                  {formatFen(row.paidFen, locale)}
                </td>
                <td>
                  <Tag color={row.status === 'overdue' ? 'red' : row.status === 'due' ? 'orange' : row.status === 'paid' ? 'green' : 'default'}>
                    {ti(row.status)}
                    {row.overdueDays > 0 ? ` ${row.overdueDays}d` : ''}
                  </Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}
