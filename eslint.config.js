// Lint rules that keep gwsim exact: imports flow one way (sim <- models <- scenarios <- report <- cli),
// and only src/cli may read the wall clock, draw unseeded randomness, use timers, the console, the file system or process.
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
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'Simulated code takes time from the engine clock.' },
  ],
  'no-console': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'test-output/**'] },
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
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, message: 'Only src/cli does IO (DESIGN §2).' })),
          patterns: forbiddenAbove(layer),
        },
      ],
    },
  })),
);
