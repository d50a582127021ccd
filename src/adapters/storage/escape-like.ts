/** Text for a LIKE pattern with its wildcards taken literally; pair it with `escape '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
