import { QueryClientProvider } from '@tanstack/react-query';
import { configure } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { createQueryClient } from '../api/queries';
import { AuthProvider } from '../api/auth';
import '../i18n';

// A real server answers these components: on a loaded machine a write can take a few seconds, so the
// findBy/waitFor helpers wait up to 10 s (they still fail when the answer never shows).
configure({ asyncUtilTimeout: 10_000 });

/** Every request the components made: method and path (with query). */
export type Sent = Array<{ method: string; path: string; status: number }>;

/**
 * Sends the app's same-origin requests (`fetch('/api/…')`) to a real test server as the given
 * signed-in browser would: the session cookie attached, nothing answered here. Returns the log.
 */
export function routeFetchTo(baseUrl: string, cookie: () => string | undefined): Sent {
  const sent: Sent = [];
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: string | URL, init: RequestInit = {}) => {
    // The tests' own API clients call with absolute URLs: theirs go out untouched.
    if (typeof input !== 'string' || !input.startsWith('/')) return realFetch(input, init);
    const path = input;
    const headers = new Headers(init.headers);
    const value = cookie();
    if (value) headers.set('cookie', value);
    const response = await realFetch(new URL(path, baseUrl), { ...init, headers });
    sent.push({ method: init.method ?? 'GET', path, status: response.status });
    return response;
  });
  return sent;
}

/** The app's providers around a component under test: query cache, router, session. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <AuthProvider>{children}</AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>
  );
}
