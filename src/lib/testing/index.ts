// The `gwsim/testing` entry: fast-check arbitraries and ready properties over gwsim/envoy's units. fast-check is a peer
// dependency: the user's own fast-check runs these properties. Re-exports only: importing it runs nothing.
/**
 * fast-check arbitraries (host sets, hash keys, request streams) and ready properties over gwsim/envoy.
 * @module gwsim/testing
 */
export * from './arbitraries.js';
export * from './properties.js';
