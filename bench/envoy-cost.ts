// `npm run bench -- envoy-cost`: measures the real Envoy's CPU cost per request, per downstream connection, per TLS
// handshake and per KiB of body on this machine (issue 16's calibration). Envoy runs pinned to core 0 with
// --concurrency N; echo-basic and the load generator (hey, or wrk) share the other core; each shape is driven to
// saturation and Envoy's busy core-seconds (utime + stime from /proc/PID/stat) are divided by the requests it proxied
// (its own downstream_rq_total). The derived per-event costs go into src/models/envoy/cpu/cpu-costs.ts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { echoBasicPath } from '../src/cli/twin/echo-servers.js';
import { freePort, sleep } from '../src/cli/twin/lab-processes.js';

export interface CostShape {
  name: string;
  /** Listener the client talks to. */
  listener: 'http' | 'https' | 'passthrough';
  keepAlive: boolean;
  /** Request body bytes (POST), 0 for GET. */
  bodyBytes: number;
  tool: 'hey' | 'wrk';
}

export const COST_SHAPES: CostShape[] = [
  { name: 'http-keepalive', listener: 'http', keepAlive: true, bodyBytes: 0, tool: 'hey' },
  { name: 'http-keepalive-wrk', listener: 'http', keepAlive: true, bodyBytes: 0, tool: 'wrk' },
  { name: 'http-new-connection', listener: 'http', keepAlive: false, bodyBytes: 0, tool: 'hey' },
  { name: 'http-keepalive-16k-body', listener: 'http', keepAlive: true, bodyBytes: 16384, tool: 'hey' },
  { name: 'https-keepalive', listener: 'https', keepAlive: true, bodyBytes: 0, tool: 'hey' },
  { name: 'https-new-connection', listener: 'https', keepAlive: false, bodyBytes: 0, tool: 'hey' },
  { name: 'passthrough-keepalive', listener: 'passthrough', keepAlive: true, bodyBytes: 0, tool: 'hey' },
  { name: 'passthrough-new-connection', listener: 'passthrough', keepAlive: false, bodyBytes: 0, tool: 'hey' },
];

export interface CostSample {
  shape: string;
  concurrency: number;
  requests: number;
  seconds: number;
  envoyCpuSeconds: number;
  /** Envoy CPU microseconds per request. */
  usPerRequest: number;
  requestsPerSecond: number;
  /** Envoy's busy cores while saturated (cpu seconds / wall seconds). */
  busyCores: number;
}

const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux x86-64 and arm64

function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14 and 15 of proc(5))
}

async function adminCounter(adminPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/stats?filter=${encodeURIComponent(name)}`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /: (\d+)$/.exec(line);
    if (m !== null && line.includes(name)) sum += Number(m[1]);
  }
  return sum;
}

function bootstrap(p: {
  admin: number;
  http: number;
  https: number;
  passthrough: number;
  echoHttp: number;
  echoHttps: number;
  cert: string;
  key: string;
}): object {
  const addr = (port: number) => ({ socket_address: { address: '127.0.0.1', port_value: port } });
  // The HTTP connection manager as Envoy Gateway configures it (listener.go, v1.9): router only, the client address as
  // the remote one, path normalisation, and the default access log to stdout in Envoy Gateway's text format.
  const hcm = (prefix: string) => ({
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      stat_prefix: prefix,
      use_remote_address: true,
      normalize_path: true,
      merge_slashes: true,
      path_with_escaped_slashes_action: 'UNESCAPE_AND_REDIRECT',
      access_log: [
        {
          name: 'envoy.access_loggers.file',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
            path: '/dev/stdout',
          },
        },
      ],
      route_config: {
        virtual_hosts: [
          { name: 'all', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'echo' } }] },
        ],
      },
      http_filters: [
        {
          name: 'envoy.filters.http.router',
          typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' },
        },
      ],
    },
  });
  const cluster = (name: string, port: number) => ({
    name,
    type: 'STATIC',
    connect_timeout: '10s',
    lb_policy: 'ROUND_ROBIN',
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: addr(port) } }] }] },
  });
  return {
    admin: { address: addr(p.admin) },
    static_resources: {
      listeners: [
        { name: 'http', address: addr(p.http), filter_chains: [{ filters: [hcm('http')] }] },
        {
          name: 'https',
          address: addr(p.https),
          filter_chains: [
            {
              filters: [hcm('https')],
              transport_socket: {
                name: 'envoy.transport_sockets.tls',
                typed_config: {
                  '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
                  common_tls_context: {
                    tls_certificates: [{ certificate_chain: { filename: p.cert }, private_key: { filename: p.key } }],
                  },
                },
              },
            },
          ],
        },
        {
          name: 'passthrough',
          address: addr(p.passthrough),
          listener_filters: [
            {
              name: 'envoy.filters.listener.tls_inspector',
              typed_config: {
                '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
              },
            },
          ],
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.tcp_proxy',
                  typed_config: {
                    '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
                    stat_prefix: 'passthrough',
                    cluster: 'echo-tls',
                  },
                },
              ],
            },
          ],
        },
      ],
      clusters: [cluster('echo', p.echoHttp), cluster('echo-tls', p.echoHttps)],
    },
  };
}

function startPinned(core: string, cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn('taskset', ['-c', core, cmd, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stderr?.resume();
  return child;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (out += d.toString()));
    c.on('error', reject);
    c.on('exit', () => resolve(out));
  });
}

async function waitLive(adminPort: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    try {
      if ((await (await fetch(`http://127.0.0.1:${adminPort}/ready`)).text()).trim() === 'LIVE') return;
    } catch {
      // not up yet
    }
    await sleep(50);
  }
  throw new Error('envoy did not become LIVE');
}

/** Measures every shape at each concurrency; `seconds` of load per sample. */
export async function runEnvoyCost(opts: {
  concurrencies: number[];
  seconds: number;
  connections: number;
  shapes?: string[];
}): Promise<{ machine: string; envoy: string; samples: CostSample[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'gwsim-envoy-cost-'));
  const children: ChildProcess[] = [];
  try {
    const cert = join(dir, 'tls.crt');
    const key = join(dir, 'tls.key');
    // The lab's certificate type: RSA 2048, as mkcert makes it (the Cilium lab's demo-cert).
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=*.example.com', '-addext', 'subjectAltName=DNS:*.example.com',
    ], { stdio: 'ignore' }); // prettier-ignore
    const echoHttp = await freePort();
    const echoHttps = await freePort();
    children.push(
      startPinned('1', echoBasicPath(), [], {
        HTTP_PORT: String(echoHttp),
        HTTPS_PORT: String(echoHttps),
        H2C_PORT: String(await freePort()),
        TLS_SERVER_CERT: cert,
        TLS_SERVER_PRIVKEY: key,
        POD_NAME: 'echo',
        NAMESPACE: 'bench',
      }),
    );
    const samples: CostSample[] = [];
    const body = join(dir, 'body');
    writeFileSync(body, Buffer.alloc(16384, 'a'));
    const shapes = COST_SHAPES.filter((s) => opts.shapes === undefined || opts.shapes.includes(s.name));
    let envoyVersion = '';
    for (const concurrency of opts.concurrencies) {
      const ports = { admin: await freePort(), http: await freePort(), https: await freePort(), passthrough: 0 };
      ports.passthrough = await freePort();
      const file = join(dir, `envoy-${concurrency}.json`);
      writeFileSync(file, JSON.stringify(bootstrap({ ...ports, echoHttp, echoHttps, cert, key })));
      // Concurrency 1 owns core 0; 2 spans both cores (this machine has 2), sharing the second with the load.
      const cores = concurrency === 1 ? '0' : '0-1';
      const envoy = startPinned(cores, 'envoy', [
        '-c', file, '--concurrency', String(concurrency), '--disable-hot-restart', '-l', 'error',
      ]); // prettier-ignore
      children.push(envoy);
      await waitLive(ports.admin);
      const info = (await (await fetch(`http://127.0.0.1:${ports.admin}/server_info`)).json()) as { version: string };
      envoyVersion = info.version;
      const pid = envoyPid(envoy.pid!);
      for (const s of shapes) {
        const port = s.listener === 'http' ? ports.http : s.listener === 'https' ? ports.https : ports.passthrough;
        const scheme = s.listener === 'http' ? 'http' : 'https';
        // Passthrough: one filter chain for every SNI (hey sends none to an IP); matching a name would cost nothing here.
        const host = '127.0.0.1';
        const url = `${scheme}://127.0.0.1:${port}/`;
        const stat =
          s.listener === 'passthrough' ? 'passthrough.downstream_cx_total' : `http.${s.listener}.downstream_rq_total`;
        const realArgs =
          s.tool === 'wrk'
            ? ['-t', '1', '-c', String(opts.connections), '-d', `${opts.seconds}s`, url]
            : [
                '-z', `${opts.seconds}s`, '-c', String(opts.connections),
                ...(s.keepAlive ? [] : ['-disable-keepalive']),
                ...(s.bodyBytes > 0 ? ['-m', 'POST', '-D', body] : []),
                '-host', host, url,
              ]; // prettier-ignore
        const before = await adminCounter(ports.admin, stat);
        const cpu0 = cpuSecondsOf(pid);
        const t0 = performance.now();
        const out = await run('taskset', ['-c', '1', s.tool, ...realArgs]);
        const seconds = (performance.now() - t0) / 1000;
        const cpu = cpuSecondsOf(pid) - cpu0;
        // passthrough counts connections, not requests: with keep-alive, use the client's own request count.
        let requests = (await adminCounter(ports.admin, stat)) - before;
        if (s.listener === 'passthrough' && s.keepAlive) requests = clientRequests(s.tool, out);
        samples.push({
          shape: s.name,
          concurrency,
          requests,
          seconds,
          envoyCpuSeconds: cpu,
          usPerRequest: requests > 0 ? (cpu / requests) * 1e6 : NaN,
          requestsPerSecond: requests / seconds,
          busyCores: cpu / seconds,
        });
      }
      envoy.kill('SIGTERM');
      await sleep(300);
    }
    const cpu = cpus();
    return { machine: `${cpu.length} x ${cpu[0]?.model ?? 'unknown'}`, envoy: envoyVersion, samples };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Envoy binary's process: the one started, or the descendant it runs (pip's `envoy` may be a wrapper). */
function envoyPid(root: number): number {
  const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  let frontier = [root];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    for (const pid of frontier) if (comm(pid) === 'envoy') return pid;
    frontier = frontier.flatMap((pid) =>
      readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  }
  throw new Error(`no envoy process under pid ${root}`);
}

/** The requests a client reports it completed (hey's status code distribution, wrk's "N requests in"). */
function clientRequests(tool: 'hey' | 'wrk', out: string): number {
  if (tool === 'wrk') return Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  let n = 0;
  for (const m of out.matchAll(/\[(\d{3})\]\s+(\d+) responses/g)) n += Number(m[2]);
  return n;
}
