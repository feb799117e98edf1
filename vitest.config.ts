// Test runner configuration: tests mirror src/ under test/; properties use a fixed fast-check seed (FC_SEED) so failures reproduce.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
