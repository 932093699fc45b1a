import { REMOTE_NAMES, tabTitleOf, type Locale, type RegistryEntry, type RemoteRegistry } from '@octopus/contracts';
import { defineMessages, translate, useLocale } from '@octopus/ui';

/**
 * The remote slot's visible strings (titles of the built-in remotes, loading, failure per stage, retry) in both locales.
 */
export const slotMessages = defineMessages({
  'remote.tickets': { 'zh-CN': '工单', 'en-US': 'Tickets' },
  'remote.orders': { 'zh-CN': '订单', 'en-US': 'Orders' },
  'remote.finance': { 'zh-CN': '寄售与借款', 'en-US': 'Consignment & Loans' },
  'remote.service-track': { 'zh-CN': '服务轨迹', 'en-US': 'Service track' },
  loading: { 'zh-CN': '正在加载{remote}…', 'en-US': 'Loading {remote}…' },
  unavailable: { 'zh-CN': '{remote}暂不可用', 'en-US': '{remote} is unavailable' },
  retry: { 'zh-CN': '重试', 'en-US': 'Retry' },
  otherTabsFine: { 'zh-CN': '其他模块不受影响，可继续工作。', 'en-US': 'Everything else keeps working.' },
  'stage.unregistered': { 'zh-CN': '注册表中没有这个模块。', 'en-US': 'It is not in the remote registry.' },
  'stage.manifest': { 'zh-CN': '无法获取模块清单（mf-manifest.json），模块服务可能已停止。', 'en-US': 'Its manifest (mf-manifest.json) could not be fetched; its server may be down.' },
  'stage.entry': { 'zh-CN': '模块入口脚本加载失败。', 'en-US': 'Its entry script failed to load.' },
  'stage.module': { 'zh-CN': '模块代码在加载时出错。', 'en-US': 'Its code threw while loading.' },
  'stage.contract': { 'zh-CN': '模块与工作台的接口版本不兼容。', 'en-US': 'It was built for an incompatible contract version.' },
  'stage.timeout': { 'zh-CN': '模块长时间没有响应。', 'en-US': 'It did not answer in time.' },
  'stage.render': { 'zh-CN': '模块在显示时出错。', 'en-US': 'It crashed while rendering.' },
});

/** Tab order of the repo's own remotes when their registry entry gives none (tickets 10 … service-track 40). */
export function builtInTabOrder(name: string): number | undefined {
  const index = (REMOTE_NAMES as readonly string[]).indexOf(name);
  return index >= 0 ? (index + 1) * 10 : undefined;
}

/**
 * The label of a remote in `locale`: its registry entry's `tab.title` (see `tabTitleOf`), else the
 * shell's built-in title for the repo's four remotes, else the registry name itself.
 */
export function remoteTitle(name: string, entry: RegistryEntry | undefined, locale: Locale): string {
  const key = `remote.${name}` as keyof typeof slotMessages;
  const builtIn = (REMOTE_NAMES as readonly string[]).includes(name) ? translate(slotMessages, locale, key) : name;
  return tabTitleOf(entry, locale, builtIn);
}

/** {@link remoteTitle} in the page's locale, from the registry the nearest loader was created with (if any). */
export function useRemoteTitle(name: string, registry?: RemoteRegistry): string {
  const locale = useLocale();
  return remoteTitle(name, registry?.remotes[name], locale);
}
