import { useI18n } from '../i18n';
import { Link } from '../router';
import { useTitle } from './title';

export function NotFound() {
  const { t } = useI18n();
  useTitle(t('notFound'));
  return (
    <section>
      <h1>{t('notFound')}</h1>
      <p>
        <Link href="/">{t('backHome')}</Link>
      </p>
    </section>
  );
}
