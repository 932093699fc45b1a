import type { Notice } from '@octopus/contracts';
import { Typography } from '@octopus/ui';
import { List } from '@octopus/ui/list';

/**
 * The notice list's rows, newest first as given. A chunk of its own, loaded when the agent first points at
 * or focuses the notice button (NoticeCenter): antd's List is not part of the login JavaScript.
 */
export function NoticeItems({ notices, text }: { notices: Notice[]; text: (notice: Notice) => string }) {
  return (
    <List
      size="small"
      dataSource={notices}
      renderItem={(notice) => (
        <List.Item key={notice.id} data-notice-code={notice.code}>
          <div>
            <Typography.Text>{text(notice)}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {new Date(notice.at).toLocaleTimeString()}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}
