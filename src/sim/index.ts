// The engine's public surface: time, the event engine, seeded random streams and resources.
export * from './time.js';
export * from './engine.js';
export * from './rng.js';
export * from './resource.js';
export { EventQueue } from './event-queue.js';
export * from './input-error.js';
export * from './compare-text.js';
