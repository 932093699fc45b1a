import { Button, useLocale, useT } from '@octopus/ui';
import { layoutMessages } from './layout-messages';

export function LanguageSwitch() {
  const t = useT(layoutMessages);
  const locale = useLocale();
  const target = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button type="link" href={`?lng=${target}`} style={{ color: '#cbd5e1' }}>
      {t('language')}
    </Button>
  );
}
