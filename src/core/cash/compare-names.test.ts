import { describe, expect, it } from 'vitest';
import { nameSimilarity, normaliseName } from './compare-names.ts';

describe('normaliseName', () => {
  it.each([
    ['Acme GmbH & Co. KG', 'ACME'],
    ['ACME GMBH', 'ACME'],
    ['Müller Bau e.V.', 'MULLER BAU'],
    ['Umbrella S.A.', 'UMBRELLA'],
    ['ACME LOGISTICS GM', 'ACME LOGISTICS'],
    ['The Foo Company Ltd', 'FOO'],
    ['', ''],
  ])('%s → %s', (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });
});

describe('nameSimilarity', () => {
  const similarity = (a: string, b: string) => nameSimilarity(normaliseName(a), normaliseName(b));
  it('is 1 for the same name in another dress', () => {
    expect(similarity('ACME GMBH', 'Acme GmbH & Co. KG')).toBe(1);
  });
  it('is at least 0.9 for a name cut off by the bank', () => {
    expect(similarity('KORVEX LOGISTICS SYS', 'Korvex Logistics Systems Inc.')).toBeGreaterThanOrEqual(0.9);
  });
  it('is low for another company', () => {
    expect(similarity('GLOBEX LTD', 'Acme GmbH')).toBeLessThan(0.3);
    expect(similarity('', 'Acme GmbH')).toBe(0);
  });
});
