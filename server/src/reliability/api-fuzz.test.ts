import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TalkDto, Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, expectStatus, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

// API fuzzing from the OpenAPI document with schemathesis (a property-based fuzzer, from
// PyPI, installed into a cached venv by infra/schemathesis/ensure.sh). It generates valid
// and invalid requests for every documented operation, signed in as the organizer, with
// real ids in the path, and checks: no 5xx, each response's status, content type and body
// as documented. The run is bounded by --max-time.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DAY = 86_400_000;
/** Seconds schemathesis may spend (coverage + fuzzing phases together). */
const MAX_SECONDS = 75;
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

/** Real ids for the path parameters, so the handlers behind them run instead of answering 404. */
async function pathIds(url: string, organizer: ApiClient): Promise<Record<string, string>> {
  const anon = new ApiClient(url);
  const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  const booth = booths[0]!;
  const sessions = (await anon.get<{ sessions: TalkDto[] }>(`/api/events/${event!.id}/sessions`)).body.sessions;
  const from = Date.now() + DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString() });
  const [slot] = (await anon.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${query}`)).body.slots;
  const booked = await organizer.post<Appointment>('/api/appointments', { boothId: booth.id, start: slot!.start });
  expectStatus(booked, 201, 'organizer books');
  return {
    'path.eventId': event!.id,
    'path.boothId': booth.id,
    'path.staffId': booth.staff[0]!.id,
    'path.sessionId': sessions.at(-1)!.id,
    'path.id': booked.body.id,
  };
}

function configToml(parameters: Record<string, string>): string {
  const lines = Object.entries(parameters).map(([key, value]) => `"${key}" = "${value}"`);
  return ['[parameters]', ...lines, ''].join('\n');
}

describe('the REST API under schemathesis', () => {
  let platform: Platform;
  let dir: string;
  let st: string;
  // Up to 3 minutes: the first run on a machine installs schemathesis from PyPI (about a minute).
  beforeAll(async () => {
    st = execFileSync('bash', [path.join(root, 'infra/schemathesis/ensure.sh')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-fuzz-'));
    platform = await startTestPlatform();
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'answers every generated request without a 5xx and as the OpenAPI document says',
    async () => {
      const url = platform.url;
      const organizer = await signIn(url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password, { forwardedFor: '198.19.0.1' });
      const config = path.join(dir, 'schemathesis.toml');
      fs.writeFileSync(config, configToml(await pathIds(url, organizer)));
      const args = [
        '--config-file',
        config,
        'run',
        `${url}/api/openapi.json`,
        '--url',
        url,
        '-H',
        `Cookie: ca_session=${organizer.cookie('ca_session')}`,
        '-H',
        `X-CSRF-Token: ${organizer.csrfToken}`,
        // Signing out would end the session the rest of the run uses; sign-out has its own tests.
        '--exclude-path',
        '/api/auth/logout',
        '--checks',
        CHECKS.join(','),
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        '25',
        '--max-time',
        String(MAX_SECONDS),
        '--workers',
        '2',
        '--seed',
        '20261204',
        '--no-color',
        '--report',
        'junit',
        '--report-dir',
        dir,
      ];
      const run = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          st,
          args,
          { cwd: dir, env: { ...process.env, SCHEMATHESIS_HOOKS: path.join(root, 'infra/schemathesis/hooks.py') }, maxBuffer: 64 << 20 },
          (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
        );
      });
      const summary = /Test cases:\s*\n\s*(\d+) generated, (\d+) passed/.exec(run.output);
      const coverage = /Selected: (\d+)\/\d+\s*\n\s*Tested: (\d+)/.exec(run.output);
      expect(run.code, run.output.slice(-8000)).toBe(0);
      // Every documented operation was exercised (on a calm machine about 350 cases in the budget; far fewer on a loaded one).
      expect(coverage?.[2], run.output.slice(-2000)).toBe(coverage?.[1]);
      expect(Number(summary?.[1]), run.output.slice(-2000)).toBeGreaterThan(60);
      expect(summary?.[2]).toBe(summary?.[1]);
    },
    (MAX_SECONDS + 60) * 1000,
  );
});
