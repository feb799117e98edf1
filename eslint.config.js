// Lint rules that keep gwsim exact: imports flow one way (sim <- models <- scenarios <- report <- cli),
// and only src/cli may read the wall clock, draw unseeded randomness, use timers, the console, the file system or process.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const layers = ['sim', 'models', 'scenarios', 'report', 'cli'];

/** Import patterns a layer may not use: every layer above it. */
function forbiddenAbove(layer) {
  const above = layers.slice(layers.indexOf(layer) + 1);
  return above.map((l) => ({
    group: [`**/${l}/**`, `../${l}`, `../../${l}`, `../../../${l}`],
    message: `src/${layer} may not import src/${l}: imports point one way, sim <- models <- scenarios <- report <- cli (DESIGN §3).`,
  }));
}

/**
 * Which model folders each model folder may import (DESIGN §3: models are leaves a layer down from the wiring). A folder
 * not named here imports none of the others; `sim` is always allowed. The request path (`path`) connects them all.
 */
const modelFolders = {
  trace: [],
  // The recorder counts a request's status, NO_RESPONSE included.
  metrics: ['http'],
  net: ['metrics'],
  // The pooled request record carries the gateway's typed per-request state (type imports only).
  http: ['envoy', 'gatewayapi', 'trace'],
  backend: ['http'],
  // Clients send requests and print answers; what the gateway and the pods put in an answer is theirs to build.
  clients: ['http', 'metrics'],
  ipam: ['net'],
  bgp: ['metrics', 'net'],
  l2: ['metrics', 'net'],
  k8s: ['metrics'],
  // The cluster's control loops (API server, Deployments, LB IPAM, translation, xDS push) drive pods, Envoys and the path.
  'k8s/controllers': ['backend', 'envoy', 'gatewayapi', 'http', 'ipam', 'metrics', 'net', 'path'],
  // Envoy Gateway's translation names Envoy's defaults (the route timeout).
  gatewayapi: ['envoy', 'k8s'],
  // The export reads the Gateway API objects' own types (a route's matches) beside the translated config.
  envoy: ['gatewayapi', 'http', 'k8s', 'metrics', 'net', 'trace'],
  faults: ['bgp', 'k8s', 'metrics', 'net'],
  path: ['backend', 'clients', 'envoy', 'gatewayapi', 'http', 'k8s', 'net', 'trace'],
};

/** Import patterns a model folder may not use: the model folders it is not allowed to see. */
function forbiddenSideways(folder) {
  const allowed = modelFolders[folder];
  return Object.keys(modelFolders)
    .filter((other) => !other.includes('/') && other !== folder.split('/')[0] && !allowed.includes(other))
    .map((other) => ({
      group: [`../${other}/**`, `../../${other}/**`, `../../../${other}/**`],
      message: `src/models/${folder} may not import src/models/${other} (the model folders' layering, eslint.config.js).`,
    }));
}

const ioModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'worker_threads',
  'node:worker_threads',
  'readline',
  'node:readline',
];

/**
 * Node's built-in modules, bare and with the node: prefix: src/sim, src/models, src/scenarios and src/report run in a
 * browser too (the playground, web/), so they import none of them (portable equivalents: src/sim/sha256.ts, the
 * certificate reader in models/gatewayapi, include-path's string logic).
 */
const nodeBuiltins = {
  paths: builtinModules
    .filter((name) => !name.startsWith('_'))
    .flatMap((name) => [name, `node:${name}`])
    .filter((name) => !ioModules.includes(name))
    .map((name) => ({ name, message: 'The core runs in a browser too (web/): no Node built-in modules.' })),
  patterns: [{ group: ['node:*'], message: 'The core runs in a browser too (web/): no Node built-in modules.' }],
};

/** What the core may not import: IO modules, Node built-ins, and the layers and model folders it may not see. */
function coreImports(patterns) {
  return [
    'error',
    {
      paths: [
        ...ioModules.map((name) => ({ name, message: 'Only src/cli does IO (DESIGN §2).' })),
        ...nodeBuiltins.paths,
      ],
      patterns: [...patterns, ...nodeBuiltins.patterns],
    },
  ];
}

const determinism = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use a named seeded stream from src/sim/rng (DESIGN §4).' },
    { object: 'Date', property: 'now', message: 'Simulated code takes time from the engine clock.' },
    { object: 'performance', property: 'now', message: 'Simulated code takes time from the engine clock.' },
    { object: 'process', property: 'hrtime', message: 'Simulated code takes time from the engine clock.' },
    {
      property: 'localeCompare',
      message: "Sort with compareText (src/sim/compare-text.ts): the host's locale must not change the order.",
    },
    {
      property: 'toLocaleString',
      message: "Format without the host's locale: output must be byte-identical on every machine.",
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Schedule an engine event instead of a wall-clock timer.' },
    { name: 'setInterval', message: 'Schedule an engine event instead of a wall-clock timer.' },
    { name: 'setImmediate', message: 'Schedule an engine event instead of a wall-clock timer.' },
    { name: 'queueMicrotask', message: 'No async work inside the simulation.' },
    { name: 'process', message: 'Only src/cli touches process.' },
    { name: 'performance', message: 'Simulated code takes time from the engine clock.' },
    { name: 'Buffer', message: 'The core runs in a browser too (web/): use Uint8Array, TextEncoder, atob.' },
    { name: '__dirname', message: 'The core runs in a browser too (web/): no Node globals.' },
    { name: 'require', message: 'The core runs in a browser too (web/): no Node globals.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'Simulated code takes time from the engine clock.' },
  ],
  'no-console': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...['sim', 'models', 'scenarios', 'report'].map((layer) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      ...determinism,
      'no-restricted-imports': coreImports(forbiddenAbove(layer)),
    },
  })),
  ...Object.keys(modelFolders).map((folder) => ({
    files: [`src/models/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': coreImports([...forbiddenAbove('models'), ...forbiddenSideways(folder)]),
    },
  })),
);
