// gwsim's version, from package.json (stamped on every result and report).
import { createRequire } from 'node:module';

// From dist/src/cli (the built CLI) package.json is three levels up; from src/cli (tests run the sources) two.
const requireJson = createRequire(import.meta.url);
const pkg = (() => {
  try {
    return requireJson('../../../package.json');
  } catch {
    return requireJson('../../package.json');
  }
})() as { version: string };

export const VERSION: string = pkg.version;
