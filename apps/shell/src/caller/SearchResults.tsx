import type { UserSearchResult } from '@octopus/contracts';
import { Button, Space, Tag, Typography } from '@octopus/ui';
import { List } from '@octopus/ui/list';

export interface SearchResultsProps {
  results: UserSearchResult[];
  selectedUserId: string | null;
  /** Which action is running ('bind' shows the bind buttons loading). */
  busy: string | null;
  onSelect: (userId: string) => void;
  onBind: (userId: string) => void;
  labels: { selected: string; select: string; bindWithoutCheck: string };
}

/**
 * The caller search's results (VerifyCaller). A chunk of its own, loaded when the agent first searches:
 * antd's List is not part of the login JavaScript (issue [2/7] point 8).
 */
export function SearchResults({ results, selectedUserId, busy, onSelect, onBind, labels }: SearchResultsProps) {
  return (
    <List
      size="small"
      bordered
      dataSource={results}
      renderItem={(result) => (
        <List.Item
          data-user-id={result.userId}
          actions={[
            <Button key="select" size="small" type={selectedUserId === result.userId ? 'primary' : 'default'} onClick={() => onSelect(result.userId)}>
              {selectedUserId === result.userId ? labels.selected : labels.select}
            </Button>,
            <Button key="bind" size="small" loading={busy === 'bind'} onClick={() => onBind(result.userId)}>
              {labels.bindWithoutCheck}
            </Button>,
          ]}
        >
          <Space>
            <Typography.Text>{result.maskedName}</Typography.Text>
            <Typography.Text type="secondary">{result.maskedPhones.join(' / ')}</Typography.Text>
            <Tag>{result.userId}</Tag>
          </Space>
        </List.Item>
      )}
    />
  );
}
