// `gwsim hash`: the request hash Envoy's route hash policies compute for given headers, cookie and source IP, and the
// cookie (with its Set-Cookie header) Envoy generates when a ttl is set. Owns flag parsing and output only; the rules
// are src/models/envoy/hash/.
import { isIP } from 'node:net';
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import type { Io } from '../io.js';
import { InputError } from '../../sim/input-error.js';
import { DurationError, NS_PER_S, parseDuration } from '../../sim/time.js';
import { EXIT_OK } from '../exit-codes.js';
import { HashPolicy } from '../../models/envoy/hash/hash-policy.js';
import { HeaderHashMethod } from '../../models/envoy/hash/header-hash.js';
import { CookieHashMethod, type CookieAttribute } from '../../models/envoy/hash/cookie-hash.js';
import { SourceIpHashMethod } from '../../models/envoy/hash/source-ip-hash.js';
import { SimpleHashRequest, emptyHashTarget, type HashMethod } from '../../models/envoy/hash/hash-request.js';
import { toDecimal } from '../../models/envoy/hash/u64.js';

const IP_PORT = /^(?:\[([0-9a-fA-F:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/;

function strings(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function address(value: unknown, flag: string): { text: string; ip: string } {
  const m = IP_PORT.exec(String(value).trim());
  if (m === null || Number(m[3]) > 65535 || isIP(m[1] ?? m[2]) === 0)
    throw new InputError(
      `${JSON.stringify(String(value))} is not IP:PORT`,
      { file: flag },
      'an IPv4 address with port (10.0.0.1:41000) or [IPv6]:port',
    );
  const ip = m[1] ?? m[2];
  return { text: m[1] !== undefined ? `[${ip}]:${m[3]}` : `${ip}:${m[3]}`, ip };
}

export interface HashCliResult {
  hash: string | null;
  cookie?: string;
  setCookie?: string;
}

export function runHash(args: Record<string, unknown>): HashCliResult {
  const methods: HashMethod[] = [];
  const headers = new Map<string, string[]>();
  for (const item of strings(args.header)) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new InputError(
        `${JSON.stringify(item)} is not NAME=VALUE`,
        { file: '--header' },
        'NAME=VALUE, e.g. --header x-user=alice (repeat for more values or headers)',
      );
    const name = item.slice(0, eq).trim().toLowerCase();
    if (!headers.has(name)) {
      headers.set(name, []);
      methods.push(new HeaderHashMethod(name));
    }
    headers.get(name)!.push(item.slice(eq + 1));
  }
  const cookies = strings(args.cookie);
  if (cookies.length > 1)
    throw new InputError('given more than once', { file: '--cookie' }, 'one --cookie NAME=VALUE or --cookie NAME');
  const ttlGiven = args.ttl !== undefined;
  if (cookies.length === 0) {
    for (const f of ['ttl', 'path', 'cookie-attribute'] as const)
      if (args[f] !== undefined)
        throw new InputError(
          `--${f} needs --cookie`,
          { file: `--${f}` },
          '--cookie NAME --ttl D [--path P] --remote IP:PORT --local IP:PORT',
        );
  } else {
    const c = cookies[0];
    const eq = c.indexOf('=');
    const name = eq < 0 ? c : c.slice(0, eq);
    if (name.length === 0)
      throw new InputError(`${JSON.stringify(c)} has no cookie name`, { file: '--cookie' }, 'NAME=VALUE or NAME');
    let ttlSeconds: number | null = null;
    if (ttlGiven) {
      try {
        ttlSeconds = Math.floor(parseDuration(String(args.ttl)) / NS_PER_S);
      } catch (e) {
        if (e instanceof DurationError)
          throw new InputError(
            `${JSON.stringify(String(args.ttl))} is not a duration`,
            { file: '--ttl' },
            'a duration such as 0s, 30s, 1h',
          );
        throw e;
      }
    }
    const attributes: CookieAttribute[] = strings(args['cookie-attribute']).map((a) => {
      const i = a.indexOf('=');
      return i < 0 ? { name: a, value: '' } : { name: a.slice(0, i), value: a.slice(i + 1) };
    });
    methods.push(
      new CookieHashMethod({
        name,
        ttlSeconds,
        path: args.path === undefined ? '' : String(args.path),
        attributes,
        terminal: false,
      }),
    );
    if (eq >= 0) headers.set('cookie', [`${name}=${c.slice(eq + 1)}`]);
    else if (ttlGiven && (args.remote === undefined || args.local === undefined)) {
      throw new InputError(
        'generating a cookie needs the connection addresses',
        { file: args.remote === undefined ? '--remote' : '--local' },
        '--remote IP:PORT and --local IP:PORT with --cookie NAME --ttl D',
      );
    }
  }
  const remote = args.remote === undefined ? null : address(args.remote, '--remote');
  const local = args.local === undefined ? null : address(args.local, '--local');
  let sourceIp: string | null = null;
  if (args['source-ip'] !== undefined) {
    sourceIp = String(args['source-ip']).trim();
    if (isIP(sourceIp) === 0)
      throw new InputError(
        `${JSON.stringify(sourceIp)} is not an IP address`,
        { file: '--source-ip' },
        'an IPv4 or IPv6 address without port',
      );
    methods.push(new SourceIpHashMethod());
  }
  if (methods.length === 0)
    throw new InputError(
      'no hash policy given',
      { file: '--header' },
      'at least one of --header NAME=VALUE, --cookie, --source-ip IP',
    );
  const request = new SimpleHashRequest(headers, '/', sourceIp, remote?.text ?? null, local?.text ?? null);
  const target = emptyHashTarget();
  new HashPolicy(methods).generateHash(request, target);
  const out: HashCliResult = { hash: target.hasHash ? toDecimal(target.hashHi, target.hashLo) : null };
  if (target.generatedCookie !== null) out.cookie = target.generatedCookie;
  if (target.setCookie !== null) out.setCookie = target.setCookie;
  return out;
}

export const hashCommand: GwsimCommand = {
  command: 'hash',
  describe:
    "the request hash Envoy's hash policies compute (header, cookie, source IP), and the cookie Envoy generates",
  builder: (y: Argv) =>
    y
      .option('header', {
        type: 'string',
        array: true,
        describe: 'NAME=VALUE: a header hash policy on NAME, and the request carries that value (repeatable)',
      })
      .option('cookie', {
        type: 'string',
        describe: 'NAME=VALUE (request carries the cookie) or NAME (absent: generated when --ttl is set)',
      })
      .option('ttl', { type: 'string', describe: 'cookie ttl (duration); set -> Envoy generates a missing cookie' })
      .option('path', { type: 'string', describe: 'cookie Path attribute' })
      .option('cookie-attribute', {
        type: 'string',
        array: true,
        describe: 'extra cookie attribute NAME[=VALUE] (repeatable)',
      })
      .option('remote', { type: 'string', describe: 'downstream remote address IP:PORT (cookie generation)' })
      .option('local', { type: 'string', describe: 'listener local address IP:PORT (cookie generation)' })
      .option('source-ip', { type: 'string', describe: 'a source-IP hash policy, with this client IP' })
      .option('json', { type: 'boolean', default: false, describe: 'print {"hash", "cookie"?, "setCookie"?} as JSON' })
      .example('gwsim hash --header x-user=alice', 'the hash of one header value')
      .example(
        'gwsim hash --cookie session --ttl 1h --path / --remote 10.0.0.7:41000 --local 172.18.0.5:10080',
        'the generated cookie',
      ),
  run: (args: Record<string, unknown>, io: Io): number => {
    const r = runHash(args);
    if (args.json === true) io.out(JSON.stringify(r) + '\n');
    else {
      const lines = [
        r.hash === null ? 'no hash: no policy yielded one, so the LB uses a random value' : `hash ${r.hash}`,
      ];
      if (r.cookie !== undefined) lines.push(`generated cookie ${r.cookie}`);
      if (r.setCookie !== undefined) lines.push(`Set-Cookie: ${r.setCookie}`);
      io.out(lines.join('\n') + '\n');
    }
    return EXIT_OK;
  },
};
