// Variable references in client URLs (`${gateway:NAME}`, `${gateway:NAMESPACE/NAME}`): syntax only. The values (a
// Gateway's address) exist only at run time, so `scenarios/run` expands them with `expandRefs`.

/** The kinds of value a reference may name. `gateway`: the first `status.addresses` value of that Gateway. */
export const REF_KINDS = ['gateway'] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** One `${kind:namespace/name}` reference; `namespace` is `default` when not written. */
export interface VarRef {
  kind: RefKind;
  namespace: string;
  name: string;
  /** The exact text, `${gateway:my-gateway}`. */
  text: string;
}

const REF_RE = /\$\{([^}:]*):([^}]*)\}/g;
const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Result of reading a template: the references, or a problem and what is allowed. */
export type RefParse = { ok: true; refs: VarRef[] } | { ok: false; problem: string; allowed: string };

export const REF_ALLOWED = '${gateway:NAME} or ${gateway:NAMESPACE/NAME}, e.g. http://${gateway:load-balancing-gateway}/round';

/** Finds every reference in `s` and checks its syntax; any other `$` is an error (shell variables are not expanded). */
export function parseRefs(s: string): RefParse {
  const refs: VarRef[] = [];
  let rest = '';
  let last = 0;
  for (const m of s.matchAll(REF_RE)) {
    rest += s.slice(last, m.index);
    last = m.index + m[0].length;
    const kind = m[1];
    if (!(REF_KINDS as readonly string[]).includes(kind)) return { ok: false, problem: `unknown reference kind ${JSON.stringify(kind)} in ${m[0]}`, allowed: REF_ALLOWED };
    const parts = m[2].split('/');
    if (parts.length > 2 || !parts.every((p) => NAME_RE.test(p))) return { ok: false, problem: `bad Gateway name in ${m[0]}`, allowed: REF_ALLOWED };
    const [namespace, name] = parts.length === 2 ? parts : ['default', parts[0]];
    refs.push({ kind: kind as RefKind, namespace, name, text: m[0] });
  }
  rest += s.slice(last);
  const dollar = rest.indexOf('$');
  if (dollar >= 0) {
    const word = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)?/.exec(rest.slice(dollar))?.[0] ?? '$';
    return { ok: false, problem: `${JSON.stringify(word)} is not expanded: gwsim does not run a shell; name the Gateway whose address you mean`, allowed: REF_ALLOWED };
  }
  return { ok: true, refs };
}

/** Replaces each reference by `lookup(ref)` (run time: the Gateway's address). Pure. */
export function expandRefs(template: string, lookup: (ref: VarRef) => string): string {
  return template.replace(REF_RE, (text, kind: string, arg: string) => {
    const parts = arg.split('/');
    const [namespace, name] = parts.length === 2 ? parts : ['default', parts[0]];
    return lookup({ kind: kind as RefKind, namespace, name, text });
  });
}
