// What Linux's /proc tells about a process (all its threads together): CPU time, resident memory;
// and, for a JVM, the heap after a full GC through jcmd.
import { readFileSync, readlinkSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

let clockTicks = null;

/** @returns USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on nearly every Linux) */
export function clkTck() {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Fields of /proc/<pid>/stat after the parenthesised command name (which may hold spaces). */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * @returns CPU time (user + system, every thread of the process) in µs, or null when the process
 *   is gone. utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks.
 */
export function cpuMicros(pid) {
  try {
    const f = statFields(pid);
    // f[0] is field 3 (state); utime is field 14 → f[11], stime field 15 → f[12]
    return ((Number(f[11]) + Number(f[12])) * 1e6) / clkTck();
  } catch {
    return null;
  }
}

/**
 * @returns the part of {@link cpuMicros} spent in the kernel on the process's behalf (stime,
 *   field 15: system calls, and what they do, such as a loopback TCP send), in µs, or null
 */
export function systemMicros(pid) {
  try {
    return (Number(statFields(pid)[12]) * 1e6) / clkTck();
  } catch {
    return null;
  }
}

/** @returns the process start time (field 22, clock ticks after boot): identifies a PID's owner */
export function startTime(pid) {
  try {
    return statFields(pid)[19];
  } catch {
    return null;
  }
}

/** @returns {{rssKb:number, hwmKb:number, threads:number}|null} from /proc/<pid>/status */
export function memory(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const get = (key) => {
      const m = text.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
      return m ? Number(m[1]) : null;
    };
    return { rssKb: get('VmRSS'), hwmKb: get('VmHWM'), threads: get('Threads') };
  } catch {
    return null;
  }
}

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return statFields(pid)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** @returns whether the process's executable is a JVM */
export function isJava(pid) {
  try {
    return /\/java$/.test(readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return false;
  }
}

/** "used" of `jcmd GC.heap_info`'s output, in KB, or null when it cannot be read. */
function parseHeapInfo(stdout) {
  // G1: " garbage-first heap   total 262144K, used 23456K [...]"; Serial/Parallel print one
  // "used" per generation, so add up the lines of the heap (not Metaspace / class space).
  const heapLines = stdout.split('\n').filter((l) => /used \d+K/.test(l) && !/Metaspace|class space/.test(l));
  const first = heapLines[0] || '';
  if (/garbage-first heap|Shenandoah|ZHeap|ZGC/i.test(first)) {
    return { usedKb: Number(first.match(/used (\d+)K/)[1]), source: 'jcmd GC.heap_info', text: stdout.trim() };
  }
  if (heapLines.length > 0) {
    const usedKb = heapLines.map((l) => Number(l.match(/used (\d+)K/)[1])).reduce((a, b) => a + b, 0);
    return { usedKb, source: 'jcmd GC.heap_info (generations added)', text: stdout.trim() };
  }
  return null;
}

/**
 * A JVM's heap in use now, without a GC (jcmd GC.heap_info): garbage not yet collected included.
 * @returns {Promise<{usedKb:number, source:string}|{error:string}>}
 */
export async function javaHeapNow(pid) {
  try {
    const { stdout } = await execFileAsync('jcmd', [String(pid), 'GC.heap_info'], { timeout: 60000 });
    return parseHeapInfo(stdout) || { error: 'could not parse jcmd GC.heap_info' };
  } catch (e) {
    return { error: String(e.message || e).split('\n')[0] };
  }
}

/**
 * Forces a full GC in a JVM and returns the heap in use afterwards, in KB (jcmd GC.run, then
 * GC.heap_info's "used"; GC.class_histogram's total when heap_info cannot be parsed).
 * @returns {Promise<{usedKb:number, source:string}|{error:string}>}
 */
export async function javaHeapAfterGc(pid) {
  try {
    await execFileAsync('jcmd', [String(pid), 'GC.run'], { timeout: 60000 });
    const { stdout } = await execFileAsync('jcmd', [String(pid), 'GC.heap_info'], { timeout: 60000 });
    const parsed = parseHeapInfo(stdout);
    if (parsed) return parsed;
    const histo = await execFileAsync('jcmd', [String(pid), 'GC.class_histogram'], {
      timeout: 120000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const total = histo.stdout.match(/^Total\s+\d+\s+(\d+)/m);
    if (total) {
      return { usedKb: Math.round(Number(total[1]) / 1024), source: 'jcmd GC.class_histogram total' };
    }
    return { error: 'could not parse jcmd output' };
  } catch (e) {
    return { error: String(e.message || e).split('\n')[0] };
  }
}

/**
 * @returns busy CPU time of the whole machine in µs (user, nice, system, irq, softirq, steal of
 *   the aggregate line of /proc/stat): what else ran besides the server and the generator.
 */
export function machineBusyMicros() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user + nice + system + irq + softirq + (steal || 0)) * 1e6) / clkTck();
  } catch {
    return null;
  }
}
