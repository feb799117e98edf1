// Loads the reference figures (reference/envoy-vectors.json, reference/theory/consistent_hashing.json) for the LB and
// hash tests.
import { readReferenceJson } from '../../../reference-files.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const vectors: Json = readReferenceJson('envoy-vectors.json');
export const consistentHashing: Json = readReferenceJson('theory/consistent_hashing.json');
