import type { Locale } from '@octopus/contracts';
import type { ApiErrorKind } from './errors';

/**
 * Agent-facing text for each error kind, in both languages. Plain data (no React) so every remote
 * can feed it to `defineMessages` from @octopus/ui and all four say the same thing.
 */
export const apiErrorMessages: Record<ApiErrorKind, Record<Locale, string>> = {
  no_token: { 'zh-CN': '未登录：没有坐席令牌，无法查询客户数据。', 'en-US': 'Not signed in: no agent token to query customer data.' },
  unauthorized: { 'zh-CN': '登录已失效，请重新登录。', 'en-US': 'Your session has expired; sign in again.' },
  withheld: {
    'zh-CN': '来电者尚未核验身份，相关数据暂不显示。请先核验来电者。',
    'en-US': 'The caller is not verified, so this data is withheld. Verify the caller to see it.',
  },
  no_access: {
    'zh-CN': '无权查看该客户：当前通话没有该客户的授权。',
    'en-US': 'No access to this customer: this call carries no grant for them.',
  },
  not_found: { 'zh-CN': '未找到该记录。', 'en-US': 'Not found.' },
  conflict: { 'zh-CN': '操作未执行：记录状态已变化（例如工单已关闭）。', 'en-US': 'Not done: the record changed (for example, the ticket is closed).' },
  bad_request: { 'zh-CN': '输入有误：{field}', 'en-US': 'Invalid input: {field}' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试。', 'en-US': 'Too many attempts; try again later.' },
  server: { 'zh-CN': '客户数据服务出错，请重试。', 'en-US': 'The customer data service failed; retry.' },
  network: { 'zh-CN': '无法连接客户数据服务，请检查网络后重试。', 'en-US': 'Cannot reach the customer data service; check the network and retry.' },
  invalid_response: {
    'zh-CN': '客户数据服务返回了无法识别的数据。',
    'en-US': 'The customer data service answered with data we do not understand.',
  },
};
