// The facts a report header needs to be read (and rerun) by someone else.
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

function read(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function run(cmd, args, opts = {}) {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000, ...opts });
    return out.trim();
  } catch (e) {
    return e.stderr ? String(e.stderr).trim() : null;
  }
}

function javaVersion() {
  // java -version writes to stderr
  const out = run('sh', ['-c', 'java -version 2>&1']);
  return out ? out.split('\n').join('; ') : null;
}

function container() {
  const hints = [];
  if (existsSync('/.dockerenv')) hints.push('Docker (/.dockerenv)');
  if (existsSync('/run/.containerenv')) hints.push('Podman (/run/.containerenv)');
  const cgroup = read('/proc/1/cgroup') || '';
  for (const k of ['docker', 'kubepods', 'lxc', 'containerd']) {
    if (cgroup.includes(k)) hints.push(`cgroup mentions ${k}`);
  }
  const virt = run('systemd-detect-virt', ['--container']);
  if (virt && virt !== 'none' && !/not found|No such/.test(virt)) hints.push(`systemd-detect-virt: ${virt}`);
  if (/^flags\s*:.*\bhypervisor\b/m.test(read('/proc/cpuinfo') || '')) hints.push('virtual machine (cpu flag hypervisor)');
  const quota = (read('/sys/fs/cgroup/cpu.max') || '').trim();
  if (quota && !quota.startsWith('max')) hints.push(`cgroup cpu.max ${quota}`);
  const cfs = (read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us') || '').trim();
  if (cfs && cfs !== '-1') hints.push(`cgroup cfs_quota_us ${cfs}`);
  return hints.length ? hints.join(', ') : 'none detected';
}

function openFilesLimit() {
  const limits = read('/proc/self/limits') || '';
  const m = limits.match(/^Max open files\s+(\S+)\s+(\S+)/m);
  return m ? { soft: Number(m[1]) || m[1], hard: Number(m[2]) || m[2] } : null;
}

export function sysinfo(benchDir) {
  const cpuinfo = read('/proc/cpuinfo') || '';
  const model = (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown';
  const memKb = Number(((read('/proc/meminfo') || '').match(/^MemTotal:\s+(\d+)/m) || [])[1] || 0);
  const osRelease = ((read('/etc/os-release') || '').match(/^PRETTY_NAME="?([^"\n]*)"?/m) || [])[1] || null;
  const commit = run('git', ['-C', benchDir, 'rev-parse', '--short', 'HEAD']);
  const dirty = run('git', ['-C', benchDir, 'status', '--porcelain', '--untracked-files=no']);
  return {
    date: new Date().toISOString(),
    nproc: Number(run('nproc', [])) || os.cpus().length,
    cpuModel: model,
    memoryGiB: Number((memKb / 1024 / 1024).toFixed(1)),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    os: osRelease,
    container: container(),
    node: process.version,
    java: javaVersion(),
    openFiles: openFilesLimit(),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    git: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : null,
    clkTck: Number(run('getconf', ['CLK_TCK'])) || 100,
  };
}
