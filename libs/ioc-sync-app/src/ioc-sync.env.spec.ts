import { loadEnv } from '@libs/platform';
import { IocSyncEnv } from './ioc-sync.env';

describe('IocSyncEnv: IOC_SYNC_STALL_AFTER_MS', () => {
  const base = { IOC_SYNC_UNIT_CODE: '26734' };

  it('defaults to 5 minutes, well above a step of two requests at the default time limit', () => {
    const env = loadEnv(IocSyncEnv, base);
    expect(env.IOC_SYNC_STALL_AFTER_MS).toBe(300_000);
    expect(env.IOC_SYNC_STALL_AFTER_MS).toBeGreaterThan(2 * env.IOC_SYNC_REQUEST_TIMEOUT_MS);
  });

  it('refuses a limit a slow but working link could reach, naming the variable', () => {
    expect(() =>
      loadEnv(IocSyncEnv, {
        ...base,
        IOC_SYNC_REQUEST_TIMEOUT_MS: '15000',
        IOC_SYNC_STALL_AFTER_MS: '30000',
      }),
    ).toThrow(/IOC_SYNC_STALL_AFTER_MS must exceed 2 × IOC_SYNC_REQUEST_TIMEOUT_MS/);
    expect(
      loadEnv(IocSyncEnv, { ...base, IOC_SYNC_REQUEST_TIMEOUT_MS: '1000', IOC_SYNC_STALL_AFTER_MS: '3000' })
        .IOC_SYNC_STALL_AFTER_MS,
    ).toBe(3000);
  });
});
