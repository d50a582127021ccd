// How a locale writes dates and amounts, for guessing a file's formats when its sample cannot tell.

/** Day before month (31/12), as everywhere but the United States and a few others write it. */
export function writesDayFirst(locale: string): boolean {
  return !/^en(-US|-PH)?$/i.test(locale);
}

/** A decimal comma (1,5), as German, French and Spanish write it. */
export function writesDecimalComma(locale: string): boolean {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value === ',';
  } catch {
    return false;
  }
}
