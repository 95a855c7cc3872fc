import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../platform.js';
import { startChildPlatform, type ChildPlatform } from './child-platform.js';
import { startTestPlatform } from './platform.js';
import { startPrivateRedis, until, type PrivateRedis } from './redis.js';

/** What the nodes of one test cluster share: Redis, a database file and the meeting-token secret. */
export type ClusterEnv = {
  redisUrl: string;
  databaseFile: string;
  meetingSecret: string;
  heartbeatMs: number;
  /** Removes the shared database. */
  dispose: () => Promise<void>;
};

export function clusterEnv(redisUrl: string, heartbeatMs = 300): ClusterEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-cluster-'));
  return {
    redisUrl,
    databaseFile: path.join(dir, 'store.sqlite'),
    meetingSecret: 'cluster-test-secret-0123456789abcdef0123456789',
    heartbeatMs,
    dispose: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}

function nodeEnv(env: ClusterEnv, nodeId: string): Record<string, string> {
  return {
    REDIS_URL: env.redisUrl,
    NODE_ID: nodeId,
    CLUSTER_HEARTBEAT_MS: String(env.heartbeatMs),
    DATABASE_FILE: env.databaseFile,
    MEETING_TOKEN_SECRET: env.meetingSecret,
    RESUME_GRACE_MS: '20000',
  };
}

/** A cluster node in this process (the real platform on a loopback port); `extra` adds settings. */
export function startClusterNode(env: ClusterEnv, nodeId: string, extra: Record<string, string> = {}): Promise<Platform> {
  return startTestPlatform({ ...nodeEnv(env, nodeId), ...extra });
}

/** A cluster node in a child process, which a test can SIGKILL. */
export type ChildNode = ChildPlatform;

export function startChildNode(env: ClusterEnv, nodeId: string): Promise<ChildNode> {
  return startChildPlatform(nodeEnv(env, nodeId), nodeId);
}

/** In-process cluster nodes sharing a private Redis, started and seeing each other. */
export type TestCluster = { redis: PrivateRedis; env: ClusterEnv; nodes: Platform[]; close: () => Promise<void> };

/**
 * Starts a private Redis and one in-process node per id (with `extra` settings), and waits
 * until every node sees all the others. `close()` stops the nodes (last first), Redis and
 * the shared database; it is safe after a failed start.
 */
export async function startTestCluster(ids: readonly string[], extra: Record<string, string> = {}): Promise<TestCluster> {
  const redis = await startPrivateRedis();
  const env = clusterEnv(redis.url);
  const nodes: Platform[] = [];
  const close = async () => {
    for (const node of nodes.splice(0).reverse()) await node.close();
    await redis.close();
    await env.dispose();
  };
  try {
    for (const id of ids) nodes.push(await startClusterNode(env, id, extra));
    await until(() => nodes.every((n) => n.cluster?.registry.others().length === ids.length - 1));
  } catch (err) {
    await close();
    throw err;
  }
  return { redis, env, nodes, close };
}
