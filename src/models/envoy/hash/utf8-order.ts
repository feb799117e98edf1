// Byte-wise (UTF-8) string order, the order C++ std::sort gives std::string/string_view keys in Envoy.
// Owns only the comparison; used for header values (hash policy) and host keys (Maglev build order).

/** Byte-wise (UTF-8) order; differs from JS `<` only for characters above U+FFFF against U+E000-U+FFFF. O(len). */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Code points from surrogates (0xd800-0xdfff) sort above the BMP's 0xe000-0xffff in UTF-8 order.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  return a.length - b.length;
}
