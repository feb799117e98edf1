// Whether a text is an IP address as the API server's IsValidIP reads it (k8s.io/apimachinery/pkg/util/validation
// IsValidIP, via netutils.ParseIPSloppy: dotted-quad IPv4, or IPv6 with :: and an optional dotted-quad tail).
// Parsed part by part, not matched by one regex. Owns the text check only; IPv4 arithmetic is models/net/address.ts.
/** Four dot-separated decimal parts, each 0-255. */
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** RFC 4291 section 2.2 text forms: eight hex groups, one `::` for a run of zeros, an IPv4 tail for the last two. */
function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = groups.flat();
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIpv4(g)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

export function isIpAddress(text: string): boolean {
  return text.includes(':') ? isIpv6(text) : isIpv4(text);
}
