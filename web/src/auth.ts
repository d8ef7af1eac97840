// Signing in: an editor pastes the token `youcheng users add` printed. It is kept in sessionStorage (gone
// when the tab closes: offices share computers), never in localStorage or a cookie, and leaves the page only
// as the Authorization header of a write. A 401 from the server signs out, with a message saying so.
import { useEffect, useState } from 'preact/hooks';

const KEY = 'youcheng.token';

/** `yc_<id>_<secret>`: the id is the public half. */
export const TOKEN_RE = /^yc_([A-Za-z0-9]+)_(\S+)$/;

export type SignOutReason = 'user' | 'rejected';

export interface AuthState {
  token: string | null;
  /** why the last sign-out happened, shown until the next sign-in or dismissal */
  reason: SignOutReason | null;
  /** bumped after every successful write: views reload what they show */
  revision: number;
}

function readToken(): string | null {
  try {
    const v = sessionStorage.getItem(KEY);
    return v && TOKEN_RE.test(v) ? v : null;
  } catch {
    return null;
  }
}

let state: AuthState = { token: readToken(), reason: null, revision: 0 };
const listeners = new Set<() => void>();

function set(next: Partial<AuthState>): void {
  state = { ...state, ...next };
  for (const l of [...listeners]) l();
}

export function getToken(): string | null {
  return state.token;
}

/** The public half of the token (`yc_<id>`), to show who is signed in without showing the secret. */
export function tokenId(token: string | null): string | null {
  const m = token ? TOKEN_RE.exec(token) : null;
  return m ? `yc_${m[1]}` : null;
}

export function signIn(token: string): boolean {
  const t = token.trim();
  if (!TOKEN_RE.test(t)) return false;
  try {
    sessionStorage.setItem(KEY, t);
  } catch {
    /* storage unavailable: signed in for this page only */
  }
  set({ token: t, reason: null });
  return true;
}

export function signOut(reason: SignOutReason = 'user'): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* storage unavailable */
  }
  set({ token: null, reason });
}

export function dismissReason(): void {
  set({ reason: null });
}

/** After a write: everything on screen may have changed. */
export function bumpRevision(): void {
  set({ revision: state.revision + 1 });
}

export function useAuth(): AuthState {
  const [s, setS] = useState(state);
  useEffect(() => {
    const on = () => setS(state);
    listeners.add(on);
    on();
    return () => {
      listeners.delete(on);
    };
  }, []);
  return s;
}

