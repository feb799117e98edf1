// A share link: the lesson's name, seed and the files that differ from the catalog, deflated (fflate) and base64url'd
// into the URL fragment. The fragment never reaches a server.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export interface SharedState {
  name: string;
  seed: number | null;
  /** Only the files that differ from the catalog's. */
  files: Record<string, string>;
}

export function encodeShare(state: SharedState): string {
  const bytes = deflateSync(strToU8(JSON.stringify(state)), { level: 9 });
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeShare(text: string): SharedState | null {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const state = JSON.parse(strFromU8(inflateSync(bytes))) as SharedState;
    return typeof state.name === 'string' && typeof state.files === 'object' ? state : null;
  } catch {
    return null;
  }
}
