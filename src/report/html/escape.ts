// HTML escaping for every user-provided string (scenario, pod, route, manifest text): the five characters that can
// open markup or end an attribute value. Owns escaping only.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
