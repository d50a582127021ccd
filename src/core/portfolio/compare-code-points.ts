/**
 * Orders strings as the databases' binary collations do (UTF-8 bytes = code points). JS `<`
 * compares UTF-16 units, which disagrees for characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left === right) continue;
    // Surrogates (U+D800–DFFF) encode code points above every BMP unit.
    const leftRank = left >= 0xd800 && left <= 0xdfff ? left + 0x10000 : left;
    const rightRank = right >= 0xd800 && right <= 0xdfff ? right + 0x10000 : right;
    return leftRank - rightRank;
  }
  return a.length - b.length;
}
