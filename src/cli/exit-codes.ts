// The exit codes of DESIGN §6: scripts rely on them.
export const EXIT_OK = 0;
/** An `expect` in a scenario failed. */
export const EXIT_EXPECTATION_FAILED = 1;
/** Bad input: file, document, field or flag. */
export const EXIT_BAD_INPUT = 2;
/** A bug in gwsim (an unexpected exception). */
export const EXIT_INTERNAL = 70;
