// The header's sign-in control: paste a token; the server is asked whose it is before the header says
// "signed in" (a token it refuses is not kept). A token the server refuses later signs out with a message.
import { useEffect, useRef, useState } from 'preact/hooks';
import { dismissReason, signIn, signOut, useAuth, type SignInResult } from '../auth';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';

let instance = 0;

/**
 * The token field and its button. Used in the sign-in dialog and inside an edit form whose save was refused
 * (401): there it must not be a form of its own (forms do not nest), so Enter in the field signs in too.
 */
export function TokenEntry({ onSignedIn, submitLabel, autoFocus = false, fieldId }: { onSignedIn: () => void; submitLabel?: string; autoFocus?: boolean; fieldId?: string }) {
  const { t } = useI18n();
  const [id] = useState(() => fieldId ?? `token-${++instance}`);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // the autofocus attribute counts only as a page or dialog opens, not for a field shown later
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);

  const go = async () => {
    if (busy) return;
    setError(null);
    setBusy(true);
    const { result, retryAfter } = await signIn(token);
    setBusy(false);
    const messages: Record<Exclude<SignInResult, 'ok'>, string> = {
      malformed: t('tokenMalformed'),
      rejected: t('tokenRejected'),
      throttled: t('tokenThrottled', { s: String(retryAfter ?? 60) }),
      unreachable: t('serverUnreachable'),
    };
    if (result !== 'ok') return setError(messages[result]);
    setToken('');
    onSignedIn();
  };

  return (
    <div class="token-entry">
      <div class="field">
        <label class="field-label" for={id}>
          {t('tokenLabel')}
        </label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellcheck={false}
          ref={input}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            e.stopPropagation();
            void go();
          }}
        />
        <span id={`${id}-hint`} class="hint">
          {t('tokenHint')}
        </span>
      </div>
      {error ? (
        <p class="error" role="alert" data-testid="signin-error">
          {error}
        </p>
      ) : null}
      <p class="dialog-buttons">
        <button type="button" class="button primary" disabled={busy} aria-busy={busy} onClick={() => void go()}>
          {busy ? t('checkingToken') : (submitLabel ?? t('signIn'))}
        </button>
      </p>
    </div>
  );
}

export function SignIn() {
  const { t, tk } = useI18n();
  const auth = useAuth();
  const [open, setOpen] = useState(false);

  if (auth.token)
    return (
      <div class="signin" data-testid="signin">
        <span class="signed-in" data-user={auth.user?.name}>
          {auth.user ? t('signedInAs', { name: auth.user.name, role: tk(`role_${auth.user.role}`, auth.user.role) }) : t('checkingToken')}
        </span>
        <button type="button" class="linkish" onClick={() => signOut('user')}>
          {t('signOut')}
        </button>
      </div>
    );

  return (
    <div class="signin" data-testid="signin">
      <button type="button" class="linkish" onClick={() => setOpen(true)}>
        {t('signIn')}
      </button>
      {open ? (
        <Dialog title={t('signInTitle')} onClose={() => setOpen(false)} testid="signin-dialog">
          <div class="editform">
            <TokenEntry fieldId="signin-token" onSignedIn={() => setOpen(false)} />
            <p class="dialog-buttons">
              <button type="button" class="button secondary" onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
            </p>
          </div>
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
