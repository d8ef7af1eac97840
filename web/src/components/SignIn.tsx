// The header's sign-in control: paste a token (kept in this tab's sessionStorage), see that you are
// signed in, sign out. A token the server refused signs out with a message here.
import { useState } from 'preact/hooks';
import { dismissReason, signIn, signOut, tokenId, useAuth } from '../auth';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';

export function SignIn() {
  const { t } = useI18n();
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (auth.token)
    return (
      <div class="signin" data-testid="signin">
        <span class="signed-in" title={t('signedInAs', { id: tokenId(auth.token) ?? '' })}>
          {t('signedIn')}
        </span>
        <button type="button" class="linkish" onClick={() => signOut('user')}>
          {t('signOut')}
        </button>
      </div>
    );

  return (
    <div class="signin" data-testid="signin">
      <button
        type="button"
        class="linkish"
        onClick={() => {
          setOpen(true);
          setError(null);
        }}
      >
        {t('signIn')}
      </button>
      {open ? (
        <Dialog title={t('signInTitle')} onClose={() => setOpen(false)} testid="signin-dialog">
          <form
            class="editform"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!signIn(token)) {
                setError(t('tokenMalformed'));
                return;
              }
              setToken('');
              setOpen(false);
            }}
          >
            <div class="field">
              <label class="field-label" for="signin-token">
                {t('tokenLabel')}
              </label>
              <input
                id="signin-token"
                type="password"
                autoComplete="off"
                spellcheck={false}
                aria-describedby="signin-hint"
                aria-invalid={error ? true : undefined}
                value={token}
                onInput={(e) => setToken((e.target as HTMLInputElement).value)}
              />
              <span id="signin-hint" class="hint">
                {t('tokenHint')}
              </span>
            </div>
            {error ? (
              <p class="error" role="alert">
                {error}
              </p>
            ) : null}
            <p class="dialog-buttons">
              <button type="submit" class="button primary">
                {t('signIn')}
              </button>
              <button type="button" class="button secondary" onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
            </p>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}

/** Below the header: why you were signed out, until dismissed. */
export function SignOutNotice() {
  const { t } = useI18n();
  const auth = useAuth();
  if (auth.token || auth.reason !== 'rejected') return null;
  return (
    <div class="bar">
      <div class="notice notice-warn" role="alert" data-testid="signed-out">
        <span>{t('signedOutRejected')}</span>
        <button type="button" class="dialog-x" aria-label={t('dismiss')} title={t('dismiss')} onClick={dismissReason}>
          ×
        </button>
      </div>
    </div>
  );
}
