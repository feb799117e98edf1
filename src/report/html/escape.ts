// HTML escaping for every user-provided string (scenario, pod, route, manifest text): the five characters that can
// open markup or end an attribute value. Owns escaping only.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** An id/anchor from free text: lowercase letters, digits and '-', never empty. */
export function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out === '' ? 'x' : out;
}
