import { readFileSync } from 'node:fs';

/**
 * Reads a secret or setting from the file a `*_FILE` variable (or flag) names, once, at start-up. A
 * failure names the variable, never the content; the one trailing newline that `echo` or an editor
 * leaves is not part of the value.
 */
export function readSecretFile(variable: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `${variable}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const value = text.replace(/\r?\n$/, '');
  if (value.length === 0) throw new Error(`${variable}: ${path} is empty`);
  return value;
}
