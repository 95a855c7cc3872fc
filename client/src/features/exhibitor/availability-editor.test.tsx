// @vitest-environment jsdom
import type { AvailabilityDto, Booth } from '@ca/signaling';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Platform } from '../../../../server/src/platform.js';
import { SESSION_COOKIE_NAME, signIn, type ApiClient } from '../../../../server/src/test-support/api.js';
import { startTestPlatform } from '../../../../server/src/test-support/platform.js';
import type { StaffEntry } from '../../api/endpoints';
import { AppProviders, routeFetchTo, type Sent } from '../../test-support/realServer';
import { todayIn } from '../../time/zones';
import { SlotPicker } from '../booking/SlotPicker';
import { AvailabilityEditor } from './AvailabilityEditor';

describe('the availability editor (components against a real server, one query cache)', () => {
  let platform: Platform;
  let anna: ApiClient;
  let staff: StaffEntry;
  let sent: Sent;

  beforeAll(async () => {
    platform = await startTestPlatform();
    // A demo representative with a booth of her own (Europe/Berlin).
    anna = await signIn(platform.url, 'anna.schmidt@example.com', 'exhibitor-demo-2026');
    staff = (await anna.get<{ staff: StaffEntry[] }>('/api/staff/me')).body.staff[0]!;
  });
  afterAll(() => platform?.close());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const saved = async () => (await anna.get<AvailabilityDto>(`/api/staff/${staff.id}/availability`)).body;
  const slotRequests = () => sent.filter((r) => r.method === 'GET' && r.path.startsWith(`/api/booths/${staff.boothId}/slots`)).length;

  const renderEditor = async () => {
    sent = routeFetchTo(platform.url, () => `${SESSION_COOKIE_NAME}=${anna.cookie(SESSION_COOKIE_NAME)}`);
    const booth = (await anna.get<Booth>(`/api/booths/${staff.boothId}`)).body;
    render(
      <AppProviders>
        <AvailabilityEditor staff={staff} boothName={booth.organisation} />
        <SlotPicker
          boothId={booth.id}
          lengthMinutes={undefined}
          staffId={undefined}
          zone="Europe/Berlin"
          firstDate={todayIn('Europe/Berlin')}
          lastDate={undefined}
          selected={null}
          onSelect={() => {}}
        />
      </AppProviders>,
    );
    return screen.findByLabelText('Buffer between meetings (minutes)', {}, { timeout: 10_000 });
  };

  it("saves, shows the saved copy, and the booth's free times are fetched again at once", async () => {
    const user = userEvent.setup();
    const buffer = await renderEditor();
    await waitFor(() => expect(slotRequests()).toBeGreaterThan(0));
    const before = slotRequests();
    await user.clear(buffer);
    await user.type(buffer, '30');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    expect(await screen.findByText('Availability saved.')).toBeTruthy();
    expect((await saved()).bufferMinutes).toBe(30);
    expect((buffer as HTMLInputElement).value).toBe('30');
    await waitFor(() => expect(slotRequests()).toBeGreaterThan(before));
  });

  it('a value the server refuses is shown at its field and changes nothing', async () => {
    const user = userEvent.setup();
    const kept = await saved();
    const buffer = await renderEditor();
    await user.clear(buffer);
    await user.type(buffer, '125');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    await waitFor(() => expect(sent.some((r) => r.method === 'PUT' && r.status === 400)).toBe(true));
    await waitFor(() => expect(buffer.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.queryByText('Availability saved.')).toBeNull();
    expect(await saved()).toEqual(kept);
  });
});
