// The lab's stand-in for each pod: the Gateway API conformance echo server (`echo-basic` from sigs.k8s.io/gateway-api
// ECHO_BASIC_VERSION, the image the catalog's Deployments run), built with Go into gwsim's cache; where it is not
// built, a small Node server answering the same JSON (path, host, method, proto, headers, namespace, pod), the same
// `?delay=`, `/status/NNN` and `/health` (conformance/echo-basic/echo-basic.go, v1.4.1). Each logs one line per request, as echo-basic does.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort, sleep, type LabProcess, type LabProcesses } from './lab-processes.js';

export const ECHO_BASIC_VERSION = 'v1.4.1';
/** The line both servers print per request (echo-basic.go echoHandler's first statement). */
const ECHO_LINE = 'Echoing back request made to';

/** Where the build script (.ci/install.d/30-echo-basic.sh) puts echo-basic; GWSIM_ECHO_BASIC names another binary. */
export function echoBasicPath(): string {
  if (process.env.GWSIM_ECHO_BASIC) return process.env.GWSIM_ECHO_BASIC;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'gwsim', `echo-basic-${ECHO_BASIC_VERSION}`, 'echo-basic');
}

// The Node echo server, run as `node -e`: binds BIND_ADDRESS:HTTP_PORT, answers echo-basic's JSON.
export const NODE_ECHO = `
const http = require('node:http');
const e = process.env;
http.createServer((req, res) => {
  if (req.url === '/health') return res.end('OK');
  if (req.url.startsWith('/status/')) {
    const code = req.url.slice('/status/'.length);
    const m = code.length === 3 && [...code].every((c) => c >= '0' && c <= '9');
    res.writeHead(m ? Number(code) : 400);
    return res.end();
  }
  console.log('${ECHO_LINE} ' + req.url + ' to client (' + req.socket.remoteAddress + ':' + req.socket.remotePort + ')');
  const q = new URL(req.url, 'http://x').searchParams.get('delay');
  const m = q === null ? null : /^(\\d+(?:\\.\\d+)?)(ms|s)$/.exec(q);
  const wait = m === null ? 0 : Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  const headers = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const k = req.rawHeaders[i].toLowerCase().replace(/(^|-)([a-z])/g, (_, d, c) => d + c.toUpperCase());
    if (k === 'Host') continue;
    (headers[k] = headers[k] || []).push(req.rawHeaders[i + 1]);
  }
  const body = JSON.stringify({ path: req.url, host: req.headers.host || '', method: req.method,
    proto: 'HTTP/' + req.httpVersion, headers, namespace: e.NAMESPACE || '', ingress: '', service: '',
    pod: e.POD_NAME || '' }, null, 1);
  req.resume();
  req.on('end', () => setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });
    res.end(body);
  }, wait));
}).listen(Number(e.HTTP_PORT), e.BIND_ADDRESS, () => console.log('listening'));
`;

const LISTEN_TIMEOUT_MS = 10_000;

/** Resolves once the server accepts connections (a request sent earlier would be refused, and Envoy answer 503). */
async function listening(p: LabProcess, address: string, port: number): Promise<void> {
  const deadline = performance.now() + LISTEN_TIMEOUT_MS;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: address, port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (p.exited())
      throw new Error(`${p.name} exited before it listened: ${p.output().trim().split('\n').slice(-2).join(' | ')}`);
    if (performance.now() > deadline) throw new Error(`${p.name} did not listen on ${address}:${port} within 10 s`);
    await sleep(20);
  }
}

export interface EchoServer {
  pod: string;
  address: string;
  port: number;
  process: LabProcess;
}

export type EchoKind = 'echo-basic' | 'node';

export function echoKind(): EchoKind {
  return existsSync(echoBasicPath()) ? 'echo-basic' : 'node';
}

export async function startEcho(
  lab: LabProcesses,
  kind: EchoKind,
  pod: string,
  namespace: string,
  address: string,
): Promise<EchoServer> {
  // A port freePort drew can be taken by another process before the server binds it (echo-basic then exits): draw
  // new ports and start it again, a bounded number of times.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(address);
    const env = { POD_NAME: pod, NAMESPACE: namespace, HTTP_PORT: String(port) };
    // echo-basic binds every address (":PORT") and an h2c port too, so each gets its own free ones.
    const p =
      kind === 'echo-basic'
        ? lab.start(`echo ${pod}`, echoBasicPath(), [], { ...env, H2C_PORT: String(await freePort()) })
        : lab.start(`echo ${pod}`, process.execPath, ['-e', NODE_ECHO], { ...env, BIND_ADDRESS: address });
    try {
      await listening(p, address, port);
      return { pod, address, port, process: p };
    } catch (e) {
      if (attempt >= START_ATTEMPTS || !p.exited()) throw e;
    }
  }
}

/** How often an echo server that exited before it listened (a port taken under it) is started again. */
const START_ATTEMPTS = 3;
