import type { RegisterRequest, UpdateMeRequest, User } from '@ca/signaling';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { endpoints } from './endpoints';
import { clearCsrfToken, onSessionExpired } from './http';

export type AuthState = { status: 'loading' } | { status: 'signedOut' } | { status: 'signedIn'; user: User };

export type AuthContextValue = {
  state: AuthState;
  /** The signed-in user, or null while loading and when signed out. */
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  /** Asks for an account: the server e-mails a confirmation link (the answer is the same for a taken address). */
  register: (request: RegisterRequest) => Promise<void>;
  /** Opens the account a confirmation link stands for, and signs in. */
  confirmRegistration: (token: string) => Promise<User>;
  signOut: () => Promise<void>;
  /** Saves changes to the signed-in user's profile and shows the saved profile. */
  updateProfile: (changes: UpdateMeRequest) => Promise<User>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

/** Loads `GET /api/me` once on start (401 = signed out) and owns sign-in, registration and sign-out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    endpoints
      .me()
      .then((session) => active && setState({ status: 'signedIn', user: session.user }))
      // 401 is the ordinary "not signed in"; offline or a server error leaves the visitor signed out too.
      .catch(() => active && setState({ status: 'signedOut' }));
    const unsubscribe = onSessionExpired(() => setState({ status: 'signedOut' }));
    return () => {
      active = false;
      unsubscribe();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await endpoints.login({ email, password });
    setState({ status: 'signedIn', user: session.user });
    return session.user;
  }, []);

  const register = useCallback(async (request: RegisterRequest) => {
    await endpoints.register(request);
  }, []);

  const confirmRegistration = useCallback(async (token: string) => {
    const session = await endpoints.confirmRegistration({ token });
    setState({ status: 'signedIn', user: session.user });
    return session.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await endpoints.logout();
    } finally {
      clearCsrfToken();
      setState({ status: 'signedOut' });
    }
  }, []);

  const updateProfile = useCallback(async (changes: UpdateMeRequest) => {
    const session = await endpoints.updateMe(changes);
    setState({ status: 'signedIn', user: session.user });
    return session.user;
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({ state, user: state.status === 'signedIn' ? state.user : null, signIn, register, confirmRegistration, signOut, updateProfile }),
    [state, signIn, register, confirmRegistration, signOut, updateProfile],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() outside <AuthProvider>');
  return value;
}
