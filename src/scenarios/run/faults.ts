// `fault` steps: delegated to the world's fault actions (scenarios/build/fault-actions.ts).
export { applyFault } from '../build/fault-actions.js';
