// Loads the shared reference figures (envoy-vectors.json, theory/consistent_hashing.json) for the LB and hash tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(process.cwd(), '../shared/reference');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const vectors: Json = JSON.parse(readFileSync(resolve(root, 'envoy-vectors.json'), 'utf8'));
export const consistentHashing: Json = JSON.parse(
  readFileSync(resolve(root, 'theory/consistent_hashing.json'), 'utf8'),
);
