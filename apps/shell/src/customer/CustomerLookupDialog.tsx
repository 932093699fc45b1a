import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Input, Modal, Tag, Typography, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { List } from '@octopus/ui/list';
import { inertText, type UserSearchResult } from '@octopus/contracts';
import { useShellApi } from '../api/ShellApiProvider';
import { customerLookupMessages } from './lookup-messages';
import type { SearchCriterion } from '../workspace/workspace-store';
import { CustomerHistory } from './CustomerHistory';
import { customerMessages } from './customer-messages';

/**
 * The customer lookup dialog (CustomerLookup opens it): search (phone, order number or ID suffix; results
 * masked), pick one, see their past calls and tickets. No grant is sent, so the api answers at search
 * level (no notes or texts) and audits it as such. A chunk of its own, loaded when the agent first points
 * at or focuses the button: it is not part of the login JavaScript.
 */
export function CustomerLookupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(customerMessages);
  const ts = useT(customerLookupMessages);
  const api = useShellApi();
  const [by, setBy] = useState<SearchCriterion>('phone');
  const [value, setValue] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const search = useMutation<UserSearchResult[], Error, { by: SearchCriterion; value: string }>({
    mutationFn: (query) => api.searchUsers(query.by, query.value),
    onSuccess: () => setPicked(null),
  });
  const run = () => value.trim() && search.mutate({ by, value });
  return (
    <Modal open={open} title={t('lookupTitle')} onCancel={onClose} footer={null} destroyOnHidden width={720}>
        <Flex gap={8} wrap>
          <Select<SearchCriterion>
            aria-label={ts('searchBy')}
            value={by}
            onChange={setBy}
            style={{ width: 150 }}
            options={(['phone', 'orderId', 'idSuffix'] as const).map((key) => ({ value: key, label: ts(`search.${key}`) }))}
          />
          <Input aria-label={t('lookupValue')} value={value} onChange={(event) => setValue(event.target.value)} onPressEnter={run} style={{ flex: 1, minWidth: 180 }} />
          <Button type="primary" onClick={run} loading={search.isPending}>
            {ts('search')}
          </Button>
        </Flex>
        {search.isError ? <Alert style={{ marginTop: 8 }} type="error" showIcon message={t('lookupFailed', { message: inertText(search.error.message) })} /> : null}
        {search.data ? (
          search.data.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lookupNoResults')} />
          ) : (
            <List
              size="small"
              style={{ marginTop: 8 }}
              dataSource={search.data}
              renderItem={(result) => (
                <List.Item
                  data-lookup-user={result.userId}
                  actions={[
                    <Button key="history" size="small" type={picked === result.userId ? 'primary' : 'default'} onClick={() => setPicked(result.userId)}>
                      {t('showHistory')}
                    </Button>,
                  ]}
                >
                  <Typography.Text>{inertText(result.maskedName)}</Typography.Text> <Tag>{result.userId}</Tag>
                  <Typography.Text type="secondary">{result.maskedPhones.join('、')}</Typography.Text>
                </List.Item>
              )}
            />
          )
        ) : null}
        {picked ? <CustomerHistory key={picked} userId={picked} grant={null} collapsed={false} /> : null}
    </Modal>
  );
}
