import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { describeDatabase } from './store/index.js';

describe('database configuration', () => {
  it('stores in the SQLite file by default', () => {
    expect(loadConfig({ DATABASE_FILE: '/var/lib/ca/store.sqlite' }).database).toEqual({
      engine: 'sqlite',
      file: '/var/lib/ca/store.sqlite',
    });
    expect(loadConfig({ DATABASE_URL: '' }).database.engine).toBe('sqlite');
  });

  it('stores in PostgreSQL when DATABASE_URL is a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://ca:s3cret@db.internal:5432/ca', 'postgresql://ca@10.0.0.5/ca?sslmode=require']) {
      expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '20' }).database).toEqual({ engine: 'postgres', url, poolSize: 20 });
    }
  });

  it('refuses any other DATABASE_URL, without repeating it (it may hold a password)', () => {
    for (const url of ['mysql://ca:s3cret@db/ca', 'db.internal:5432', 'postgres://:s3cret@/ca', 'sqlite:///tmp/x']) {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
      try {
        loadConfig({ DATABASE_URL: url });
      } catch (err) {
        expect(String(err)).not.toContain('s3cret');
      }
    }
  });

  it('describes the database for logs without its password', () => {
    const { database } = loadConfig({ DATABASE_URL: 'postgres://ca:s3cret@db.internal:5432/ca?password=other' });
    expect(describeDatabase(database)).toBe('postgres://ca@db.internal:5432/ca');
    expect(describeDatabase({ engine: 'sqlite', file: '/data/ca.sqlite' })).toBe('sqlite:/data/ca.sqlite');
  });
});

describe('TRUST_PROXY', () => {
  it('trusts nobody by default, and for empty, false and 0', () => {
    for (const value of [undefined, '', 'false', '0']) {
      expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual({ kind: 'none' });
    }
  });

  it('reads a whole number as a hop count and anything else as addresses or CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,2001:db8::/32' }).trustProxy).toEqual({
      kind: 'cidrs',
      cidrs: ['10.0.0.0/8', 'loopback', '2001:db8::/32'],
    });
  });

  it('refuses what is not an address, a CIDR or a sane hop count', () => {
    for (const value of ['10.0.0.0/33', 'proxy.example.com', '999', '-1']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/invalid configuration: TRUST_PROXY/);
    }
  });
});

describe('stage media configuration', () => {
  const secret = 'lk-secret-0123456789abcdef0123456789';

  it('keeps stages on mediasoup when STAGE_MEDIA is unset, whatever LIVEKIT_ values say', () => {
    expect(loadConfig({}).stageMedia).toBeUndefined();
    expect(loadConfig({ LIVEKIT_URL: 'wss://lk.example.com', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: secret }).stageMedia).toBeUndefined();
  });

  it('puts stages on LiveKit with its URL (as browsers reach it), key and secret', () => {
    const env = { STAGE_MEDIA: 'livekit', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: secret };
    expect(loadConfig({ ...env, LIVEKIT_URL: 'https://lk.example.com/' }).stageMedia).toEqual({
      url: 'wss://lk.example.com',
      apiKey: 'APIkey',
      apiSecret: secret,
      tokenTtlSeconds: 600,
    });
    expect(loadConfig({ ...env, LIVEKIT_URL: 'ws://127.0.0.1:7880', LIVEKIT_TOKEN_TTL_SECONDS: '120' }).stageMedia).toMatchObject({
      url: 'ws://127.0.0.1:7880',
      tokenTtlSeconds: 120,
    });
  });

  it('refuses STAGE_MEDIA=livekit without its three settings, a short secret, another URL scheme or another engine', () => {
    expect(() => loadConfig({ STAGE_MEDIA: 'livekit' })).toThrow(/needs LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/);
    expect(() => loadConfig({ STAGE_MEDIA: 'livekit', LIVEKIT_URL: 'ws://x', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'short' })).toThrow(
      /LIVEKIT_API_SECRET/,
    );
    expect(() => loadConfig({ STAGE_MEDIA: 'livekit', LIVEKIT_URL: 'ftp://x', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: secret })).toThrow(
      /LIVEKIT_URL/,
    );
    expect(() => loadConfig({ STAGE_MEDIA: 'janus' })).toThrow(/STAGE_MEDIA/);
  });
});
