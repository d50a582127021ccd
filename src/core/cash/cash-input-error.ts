// Bad input to the matcher: names the record ("invoice inv_7", "payment pay_3") and the field, so
// the caller can point at the row it read. Expected outcomes (no match, ambiguity) are values.

export class CashInputError extends Error {
  readonly record: string;
  readonly field: string;

  constructor(record: string, field: string, problem: string) {
    super(`${record}: ${field} ${problem}`);
    this.name = 'CashInputError';
    this.record = record;
    this.field = field;
  }
}
