import { Button, useLocale, useT } from '@octopus/ui';
import { shellMessages } from '../app/messages';

export function LanguageSwitch() {
  const t = useT(shellMessages);
  const locale = useLocale();
  const target = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button type="link" href={`?lng=${target}`} style={{ color: '#cbd5e1' }}>
      {t('language')}
    </Button>
  );
}
