import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';
import { isolate } from '../format';

/** The document title: the view's own, then the app's name. */
export function useTitle(title: string | null): void {
  const { t } = useI18n();
  const full = title ? `${isolate(title)} · ${t('appName')}` : `${t('appName')} · ${t('tagline')}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
}
