// What the cluster scenario reads from Redis: the redis-server's PID (for its CPU, from /proc),
// its PUBLISH count (INFO commandstats, every client of the server), and the messages published
// on one run's key (a pattern subscription: exact on a Redis that others use too).
import { readFileSync, readdirSync } from 'node:fs';
import { createClient } from 'redis';

/** @returns the `calls` of `cmdstat_<command>` in an INFO commandstats text (0 when absent) */
export function commandCalls(info, command) {
  const m = info.match(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm'));
  return m ? Number(m[1]) : 0;
}

/** @returns a field of an INFO text (e.g. "process_id"), or null */
export function infoField(info, field) {
  const m = info.match(new RegExp(`^${field}:(.*)$`, 'm'));
  return m ? m[1].trim() : null;
}

export class RedisProbe {
  /**
   * @param {string} url e.g. redis://127.0.0.1:6379
   * @param {string|null} key the run's adapter key: every message published on a channel starting
   *   with it is counted (PSUBSCRIBE key*), or null for none
   */
  constructor(url, key = null) {
    this.url = url;
    this.key = key;
    this.keyMessages = 0;
  }

  /** Connects (≤ timeoutMs), reads the server's PID and version, subscribes to the key. */
  async open(timeoutMs = 3000) {
    const options = { url: this.url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } };
    this.client = createClient(options);
    this.client.on('error', () => {});
    await this.client.connect();
    const server = await this.client.info('server');
    this.pid = localPid(Number(infoField(server, 'process_id')) || null);
    this.version = infoField(server, 'redis_version');
    if (this.key) {
      this.subscriber = this.client.duplicate();
      this.subscriber.on('error', () => {});
      await this.subscriber.connect();
      // raw buffers: the payloads are MessagePack, nothing here decodes them
      await this.subscriber.pSubscribe(`${this.key}*`, () => {
        this.keyMessages++;
      }, true);
    }
    return this;
  }

  /** @returns {{publishCalls:number, keyPublishes?:number}} counters now */
  async snapshot() {
    const publishCalls = commandCalls(await this.client.info('commandstats'), 'publish');
    return this.key ? { publishCalls, keyPublishes: this.keyMessages } : { publishCalls };
  }

  async close() {
    for (const c of [this.subscriber, this.client]) {
      if (c) await c.disconnect().catch(() => {});
    }
  }
}

/**
 * @returns the PID, on this machine, of the redis-server that INFO named: that PID if it is a
 *   redis-server here, else the only redis-server process here (a Redis in a container reports
 *   its own namespace's PID), else null (its CPU is then not measured)
 */
function localPid(reported) {
  const comm = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return null;
    }
  };
  if (reported && comm(reported) === 'redis-server') return reported;
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && comm(d) === 'redis-server').map(Number);
  return all.length === 1 ? all[0] : null;
}

/** @returns {Promise<{pid, version}|{error}>} whether a Redis answers at url, and its PID */
export async function redisAt(url) {
  const probe = new RedisProbe(url);
  try {
    await probe.open();
    return { pid: probe.pid, version: probe.version };
  } catch (e) {
    return { error: String(e.message || e) };
  } finally {
    await probe.close();
  }
}
