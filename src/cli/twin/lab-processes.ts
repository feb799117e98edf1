// The processes a twin run starts (echo servers, Envoys), each the leader of its own process group, so stopping one
// stops whatever it forked; `stopAll` ends them all (SIGTERM, then SIGKILL after a grace period) and runs on error,
// on Ctrl-C and at the end of every run. Bounded: a lab never starts more than MAX_PROCESSES.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const MAX_PROCESSES = 64;
const KILL_GRACE_MS = 2000;
const OUTPUT_TAIL = 16_384;

export interface LabProcess {
  name: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr, for error messages. */
  output: () => string;
  exited: () => boolean;
}

/** Every lab process still running, in all labs: killed when gwsim exits however it exits (a second Ctrl-C too). */
const live = new Set<LabProcess>();
let exitHook = false;
function killLiveNow(): void {
  for (const p of live) signal(p, 'SIGKILL');
}

export class LabProcesses {
  private readonly all: LabProcess[] = [];

  start(name: string, command: string, args: string[], env: Record<string, string> = {}): LabProcess {
    if (this.all.length >= MAX_PROCESSES)
      throw new Error(`the lab would start more than ${MAX_PROCESSES} processes; the scenario is too large for it`);
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let exited = false;
    // The pipes are drained (a full pipe would stall the server); only the tail is kept, for error messages.
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-OUTPUT_TAIL));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', () => {
      exited = true;
      live.delete(p);
    });
    child.on('error', (e) => {
      exited = true;
      out += `\n${e.message}`;
    });
    const p: LabProcess = {
      name,
      child,
      output: () => out,
      exited: () => exited,
    };
    this.all.push(p);
    live.add(p);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', killLiveNow);
    }
    return p;
  }

  async stop(p: LabProcess): Promise<void> {
    const i = this.all.indexOf(p);
    if (i >= 0) this.all.splice(i, 1);
    await stopGroup(p);
  }

  async stopAll(): Promise<void> {
    const ps = this.all.splice(0);
    await Promise.all(ps.map(stopGroup));
  }
}

function signal(p: LabProcess, sig: NodeJS.Signals): void {
  if (p.child.pid === undefined) return;
  try {
    process.kill(-p.child.pid, sig);
  } catch {
    // The group is gone already.
  }
}

async function stopGroup(p: LabProcess): Promise<void> {
  if (p.exited()) return signal(p, 'SIGKILL');
  const gone = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  signal(p, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), KILL_GRACE_MS)));
  const killed = await Promise.race([gone.then(() => false), late]);
  clearTimeout(timer);
  if (killed) {
    signal(p, 'SIGKILL');
    await gone;
  }
}

/** A TCP port free on `host` now (the kernel's choice); the caller binds it soon after. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
