import { describe, expect, it } from 'vitest';
import { isCommonNameWord, nameSimilarity, nameWordKeys, normaliseName } from './compare-names.ts';

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

describe('name word keys and common words', () => {
  it('files a name under the first four characters of its words of three or more, legal forms aside', () => {
    expect(nameWordKeys('Korvex Logistics GmbH & Co. KG')).toEqual(['KORV', 'LOGI']);
    expect(nameWordKeys('Ab Io Systems Systemhaus')).toEqual(['SYST']);
    expect(nameWordKeys('GmbH')).toEqual([]);
  });

  it.each([
    { holders: 50, customers: 100, common: false },
    { holders: 51, customers: 100, common: true },
    // 2 % of 10,000 is 200: past 50, the share decides.
    { holders: 200, customers: 10_000, common: false },
    { holders: 201, customers: 10_000, common: true },
    { holders: 21, customers: 1_001, common: false },
  ])('a word of $holders of $customers customers is common: $common', ({ holders, customers, common }) => {
    expect(isCommonNameWord(holders, customers)).toBe(common);
  });
});
