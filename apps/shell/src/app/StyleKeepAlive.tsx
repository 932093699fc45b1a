import { memo } from 'react';
import { Alert, Button, Descriptions, Empty, Flex, Input, Progress, Space, Tag, Typography } from '@octopus/ui';

const DESCRIPTION_ITEMS = [{ key: 'k', label: '', children: '' }];

/**
 * Keeps antd's styles for what a ring mounts registered between calls. antd's CSS-in-JS counts the mounted
 * instances of each component and drops the component's style cache entry (and its CSS-variable <style>)
 * when the last one unmounts; the next mount computes it all again (token merge, stylis compile, style
 * write). The ring banner and the caller panel (description list, tags, note box, verification form,
 * countdown) unmount after every call, so every ring paid that again: about a third of the ring's render
 * before its first paint (Chrome CPU profile of `pnpm bench:workbench`, 2026-12-01). One hidden instance of
 * each, mounted with the workbench, keeps them registered
 * (not the lazily loaded verification steps' Timeline, search results' List or any Select: they stay out of the login JS;
 * the verification form's criterion is a Segmented, whose styles the always-mounted agent status keeps). Hidden (`display: none`, `inert`): no layout, not
 * in the accessibility tree, not focusable.
 */
export const StyleKeepAlive = memo(function StyleKeepAlive() {
  return (
    <div hidden aria-hidden inert data-testid="style-keep-alive">
      <Descriptions size="small" items={DESCRIPTION_ITEMS} />
      <Flex>
        <Tag />
        <Typography.Text />
      </Flex>
      <Progress percent={0} showInfo={false} size="small" />
      <Input.TextArea rows={1} tabIndex={-1} />
      <Space.Compact>
        <Input size="small" tabIndex={-1} />
        <Button size="small" tabIndex={-1} />
      </Space.Compact>
      <Space />
      <Alert />
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
    </div>
  );
});
