// `/edits`: the audit log, newest first — who changed what, when, before → after. Public, append-only.
import { useEffect, useState } from 'preact/hooks';
import { reads, useLoad } from '../api';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { Loaded } from '../components/common';
import { EditTable } from '../components/tie';
import { navigate } from '../router';
import { useTitle } from './title';

const LIMIT = 200;

export function EditsView({ user, target }: { user: string; target: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  useTitle(t('editsTitle'));
  const edits = useLoad(`edits:${user}\u0000${target}`, (s) => reads.edits({ user, target, limit: LIMIT }, s), auth.revision);
  const [u, setU] = useState(user);
  const [tg, setTg] = useState(target);
  useEffect(() => {
    setU(user);
    setTg(target);
  }, [user, target]);
  const go = (nu: string, nt: string) => {
    const q = new URLSearchParams();
    if (nu.trim()) q.set('user', nu.trim());
    if (nt.trim()) q.set('target', nt.trim());
    const s = q.toString();
    navigate(s ? `/edits?${s}` : '/edits');
  };

  return (
    <section class="edits-page">
      <h1>{t('editsTitle')}</h1>
      <p class="lead">{t('editsIntro')}</p>
      <form
        class="filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          go(u, tg);
        }}
      >
        <label class="field">
          <span class="field-label">{t('editWho')}</span>
          <input type="text" value={u} autoComplete="off" onInput={(e) => setU((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span class="field-label">{t('editTarget')}</span>
          <input type="text" value={tg} autoComplete="off" placeholder="12, cn:210200" onInput={(e) => setTg((e.target as HTMLInputElement).value)} />
        </label>
        <div class="field field-buttons">
          <button type="submit">{t('apply')}</button>
          {user || target ? (
            <button type="button" class="secondary" onClick={() => go('', '')}>
              {t('clear')}
            </button>
          ) : null}
        </div>
      </form>
      <Loaded value={edits}>
        {(list) =>
          list.length ? (
            <>
              <p data-testid="edits-count">{t(list.length >= LIMIT ? 'editsShownLimit' : 'editsShown', { n: list.length })}</p>
              <EditTable edits={list} label={t('editsTitle')} />
            </>
          ) : (
            <p class="muted" data-testid="edits-empty">
              {t('noEdits')}
            </p>
          )
        }
      </Loaded>
    </section>
  );
}
