// Whether a stream gets ANSI colour: FORCE_COLOR forces it (0/false forbid), a non-empty NO_COLOR forbids it
// (no-color.org), else only a terminal whose TERM supports colour (Node's tty.WriteStream.hasColors, which also
// honours NODE_DISABLE_COLORS and TERM=dumb). `--color` / `--no-color` on a command win over all of these.

export function wantsColour(
  stream: { isTTY?: boolean; hasColors?: (env?: NodeJS.ProcessEnv) => boolean },
  env: NodeJS.ProcessEnv,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if ((env.NO_COLOR ?? '') !== '') return false;
  return stream.isTTY === true && (stream.hasColors?.(env) ?? false);
}
