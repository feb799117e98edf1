import { describe, expect, it } from 'vitest';
import {
  base64DecodedLength,
  configKeyProblem,
  MAX_CONFIG_DATA_BYTES,
  utf8Length,
} from '../../../src/models/k8s/config-data.js';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';

const configMap = (data: string, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n${data}${extra}`;
const errorOf = (text: string): string => {
  try {
    loadManifests(text, 'cm.yaml');
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('ConfigMap and Secret data (ValidateConfigMap, ValidateSecret)', () => {
  it('counts bytes as the API server does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(base64DecodedLength('aGVsbG8=')).toBe(5); // "hello"
    expect(base64DecodedLength('aGVsbG8h')).toBe(6); // "hello!"
    expect(base64DecodedLength('aGVs\n bG8=')).toBe(5);
  });

  it('accepts config keys and refuses others', () => {
    for (const ok of ['a', 'key.name', 'KEY_NAME', 'key-name', '.hidden', 'a'.repeat(253)])
      expect(configKeyProblem(ok)).toBeUndefined();
    for (const bad of ['', 'a b', 'a/b', '.', '..', '..x', 'a'.repeat(254)])
      expect(configKeyProblem(bad)).toBeDefined();
    expect(errorOf(configMap('data:\n  "a/b": x\n'))).toMatch(/not a valid config key/);
  });

  it('allows exactly 1 MiB of values and refuses one byte more', () => {
    const half = 'x'.repeat(MAX_CONFIG_DATA_BYTES / 2);
    expect(errorOf(configMap(`data:\n  a: ${half}\n  b: ${half}\n`))).toBe('accepted');
    expect(errorOf(configMap(`data:\n  a: ${half}\n  b: ${half}x\n`))).toMatch(
      /1048577 bytes, more than the API server's 1048576-byte limit/,
    );
  });

  it('counts binaryData decoded, and refuses a key in both data and binaryData', () => {
    // 1 048 576 bytes decoded = 1 398 104 base64 characters (with padding): accepted although the text is longer.
    const b64 = 'A'.repeat(1398100) + 'AA==';
    expect(base64DecodedLength(b64)).toBe(MAX_CONFIG_DATA_BYTES);
    expect(errorOf(configMap('', `binaryData:\n  blob: ${b64}\n`))).toBe('accepted');
    expect(errorOf(configMap('data:\n  a: x\n', 'binaryData:\n  a: eA==\n'))).toMatch(/key "a" is also in data/);
  });

  it('counts a Secret key in both data and stringData once, with the stringData value', () => {
    const secret = (data: string, stringData: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: ${data}\nstringData:\n  a: ${stringData}\n`;
    const big = 'x'.repeat(MAX_CONFIG_DATA_BYTES);
    expect(errorOf(secret('eA==', big))).toBe('accepted');
    expect(errorOf(secret('eA==', `${big}y`))).toMatch(/1048577 bytes/);
  });
});
