// Signing in: an editor pastes the token `youcheng users add` printed. It is kept in sessionStorage (gone
// when the tab closes: offices share computers), never in localStorage or a cookie, and leaves the page only
// as the Authorization header of a request. Signing in asks the server who the token belongs to (GET
// /api/me) before it says "signed in"; a 401 from the server, then or later, signs out with a message.
import { useEffect, useState } from 'preact/hooks';

const KEY = 'youcheng.token';

/** `yc_<id>_<secret>`: the id is the public half. */
export const TOKEN_RE = /^yc_([A-Za-z0-9]+)_(\S+)$/;

export type SignOutReason = 'user' | 'rejected';

export interface Account {
  name: string;
  role: string;
}

export interface AuthState {
  token: string | null;
  /** who the server says the token belongs to; null while that is being checked */
  user: Account | null;
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

let state: AuthState = { token: readToken(), user: null, reason: null, revision: 0 };
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

export type SignInResult = 'ok' | 'malformed' | 'rejected' | 'throttled' | 'unreachable';

async function whoIs(token: string): Promise<{ result: SignInResult; user?: Account; retryAfter?: number }> {
  let res: Response;
  try {
    res = await fetch('/api/me', { headers: { accept: 'application/json', authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'omit' });
  } catch {
    return { result: 'unreachable' };
  }
  if (res.status === 401) return { result: 'rejected' };
  if (res.status === 429) return { result: 'throttled', retryAfter: Number(res.headers.get('Retry-After')) || undefined };
  if (!res.ok) return { result: 'unreachable' };
  try {
    const body = (await res.json()) as { user?: Account };
    if (body.user && typeof body.user.name === 'string') return { result: 'ok', user: { name: body.user.name, role: String(body.user.role) } };
  } catch {
    /* not JSON */
  }
  return { result: 'unreachable' };
}

/** Signs in only once the server has said whose the token is; nothing is stored for a token it refuses. */
export async function signIn(token: string): Promise<{ result: SignInResult; retryAfter?: number }> {
  const t = token.trim();
  if (!TOKEN_RE.test(t)) return { result: 'malformed' };
  const who = await whoIs(t);
  if (who.result !== 'ok' || !who.user) return who;
  try {
    sessionStorage.setItem(KEY, t);
  } catch {
    /* storage unavailable: signed in for this page only */
  }
  set({ token: t, user: who.user, reason: null });
  return { result: 'ok' };
}

/** A token kept from earlier in this tab is checked again when the app starts (it may have been revoked). */
export async function recheck(): Promise<void> {
  const t = state.token;
  if (!t || state.user) return;
  const who = await whoIs(t);
  if (state.token !== t) return;
  if (who.result === 'ok' && who.user) set({ user: who.user });
  else if (who.result === 'rejected') signOut('rejected');
}

export function signOut(reason: SignOutReason = 'user'): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* storage unavailable */
  }
  set({ token: null, user: null, reason });
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

