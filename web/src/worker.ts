// The playground's Web Worker: runs one lesson with the engine and posts progress, then the output. Stop is the page
// terminating this worker (the run is synchronous, so it cannot read a message mid-run).
import type { PlaygroundInput, PlaygroundOutput } from './engine.js';

// The engine's modules await the WebAssembly hasher at load time; the listener is set before that, or Chromium drops
// a message that arrives while the module graph is still evaluating.
const engine = import('./engine.js');

export type WorkerMessage = { progress: number } | { output: PlaygroundOutput; wallMs: number };

self.onmessage = async (e: MessageEvent<PlaygroundInput>) => {
  const { runPlayground } = await engine;
  const t0 = performance.now();
  let last = -1;
  const output = runPlayground(e.data, {
    onProgress: (fraction) => {
      const pct = Math.floor(fraction * 100);
      if (pct !== last) {
        last = pct;
        self.postMessage({ progress: fraction } satisfies WorkerMessage);
      }
    },
  });
  self.postMessage({ output, wallMs: performance.now() - t0 } satisfies WorkerMessage);
};
