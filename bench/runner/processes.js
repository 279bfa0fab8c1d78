// Starting, watching and stopping the servers under test. Each server runs in its own process
// group (detached), so that stopping it also stops whatever it started (a build, a JVM behind a
// script). Every group started is remembered in a state file until it is stopped, so that a run
// that was killed outright (SIGKILL) is cleaned up by the next one.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync, accessSync, constants, mkdirSync } from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import * as proc from '../loadgen/procstat.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Processes {
  constructor(benchDir, stateFile) {
    this.benchDir = benchDir;
    this.stateFile = stateFile;
    this.running = new Map(); // pgid → handle
  }

  /** Kills the process groups a previous, killed run left behind (if their PIDs still match). */
  reapLeftovers(log) {
    if (!existsSync(this.stateFile)) return;
    let entries = [];
    try {
      entries = JSON.parse(readFileSync(this.stateFile, 'utf8'));
    } catch {
      entries = [];
    }
    for (const e of entries) {
      if (proc.startTime(e.pid) === e.startTime) {
        log(`killing process group ${e.pgid} (${e.name}) left over by an earlier run`);
        killGroup(e.pgid, 'SIGKILL');
      }
    }
    this.saveState();
  }

  saveState() {
    const entries = [...this.running.values()].map((h) => ({ pid: h.pid, pgid: h.pgid, name: h.name, startTime: h.startTime }));
    try {
      mkdirSync(path.dirname(this.stateFile), { recursive: true });
      writeFileSync(this.stateFile, JSON.stringify(entries));
    } catch {
      // best effort
    }
  }

  /**
   * Starts a server and waits until it is ready. `vars` fills the command's other placeholders.
   * @returns {Promise<{name, pid, pgid, port, logFile, readyLine, stop: () => Promise<void>}>}
   */
  async start(config, port, { cpus = null, logFile, vars = {} }) {
    // '{port}', and '{name}' for each of vars (the cluster scenario's '{key}')
    const argv = config.command.map((a) => Object.entries({ ...vars, port })
      .reduce((arg, [name, value]) => arg.replaceAll(`{${name}}`, String(value)), a));
    const executable = argv[0];
    if (executable.includes('/')) {
      const full = path.resolve(this.benchDir, executable);
      try {
        accessSync(full, constants.X_OK);
      } catch {
        throw new Error(`${config.name}: ${executable} is missing or not executable` +
          (config.placeholder ? ' (a placeholder: see README.md, "Adding a server")' : ''));
      }
    }
    if (!(await portFree(port))) {
      throw new Error(`port ${port} on 127.0.0.1 is taken`);
    }
    const full = cpus ? ['taskset', '-c', cpus, ...argv] : argv; // taskset execs: same PID
    const log = createWriteStream(logFile);
    const child = spawn(full[0], full.slice(1), {
      cwd: this.benchDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(config.env || {}) },
    });
    const handle = {
      name: config.name,
      pid: child.pid,
      pgid: child.pid,
      port,
      logFile,
      child,
      exited: null,
      startTime: null,
    };
    if (!child.pid) {
      throw new Error(`${config.name}: could not start ${full.join(' ')}`);
    }
    handle.startTime = proc.startTime(child.pid);
    this.running.set(handle.pgid, handle);
    this.saveState();
    let readyLine = null;
    let stdoutBuffer = '';
    const readyWaiters = [];
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      if (readyLine === null) {
        stdoutBuffer += chunk.toString();
        const line = stdoutBuffer.split('\n').find((l) => l.startsWith('READY'));
        if (line !== undefined) {
          readyLine = line.trim();
          stdoutBuffer = '';
          readyWaiters.forEach((w) => w());
        }
      }
    });
    child.stderr.on('data', (chunk) => log.write(chunk));
    child.on('exit', (code, signal) => {
      handle.exited = { code, signal };
      readyWaiters.forEach((w) => w());
    });
    child.on('error', (e) => {
      handle.exited = { error: e.message };
      readyWaiters.forEach((w) => w());
    });
    handle.stop = () => this.stop(handle, log);

    const deadline = Date.now() + (config.readyTimeoutSec || 120) * 1000;
    try {
      if (config.ready === 'http') {
        while (!(await pollingAnswers(port))) {
          if (handle.exited) throw new Error('exited');
          if (Date.now() > deadline) throw new Error('timeout');
          await sleep(200);
        }
      } else {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('timeout')), deadline - Date.now());
          readyWaiters.push(() => {
            clearTimeout(timer);
            if (readyLine !== null) resolve();
            else reject(new Error('exited'));
          });
          if (readyLine !== null || handle.exited) readyWaiters[readyWaiters.length - 1]();
        });
      }
    } catch (e) {
      await handle.stop();
      const detail = e.message === 'exited' ? `exited (${JSON.stringify(handle.exited)}) before READY` : `not ready after ${config.readyTimeoutSec} s`;
      throw new Error(`${config.name}: ${detail}; log ${logFile}:\n${tail(logFile, 15)}`);
    }
    if (config.pid && config.pid.file) {
      const pidFile = path.resolve(this.benchDir, config.pid.file);
      handle.pid = Number(readFileSync(pidFile, 'utf8').trim());
    }
    handle.readyLine = readyLine;
    handle.java = proc.isJava(handle.pid);
    return handle;
  }

  /** SIGTERM to the group, SIGKILL after 10 s. @returns {{stopMs:number, killed:boolean}} */
  async stop(handle, log) {
    if (!this.running.has(handle.pgid)) return null;
    const started = Date.now();
    killGroup(handle.pgid, 'SIGTERM');
    const deadline = started + 10000;
    while (Date.now() < deadline && groupAlive(handle.pgid)) {
      await sleep(50);
    }
    let killed = false;
    if (groupAlive(handle.pgid)) {
      killed = true;
      killGroup(handle.pgid, 'SIGKILL');
      await sleep(200);
    }
    this.running.delete(handle.pgid);
    this.saveState();
    await new Promise((r) => log.end(r));
    return { stopMs: Date.now() - started, killed };
  }

  /** Synchronous: for exit and signal handlers. */
  killAll() {
    for (const h of this.running.values()) {
      killGroup(h.pgid, 'SIGKILL');
    }
    this.running.clear();
    this.saveState();
  }
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // gone already
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Finds a free port at or above `from`, skipping the ones in `avoid`. */
export async function freePort(from, avoid = new Set()) {
  for (let port = from; port < from + 1000; port++) {
    if (!avoid.has(port) && (await portFree(port))) return port;
  }
  throw new Error(`no free port in ${from}..${from + 999}`);
}

function pollingAnswers(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/socket.io/?EIO=4&transport=polling', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

export function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}
