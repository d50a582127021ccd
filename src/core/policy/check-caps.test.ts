import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const cadence = (caps: string) => `kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\ncaps:\n${caps}\n`;
const lintCaps = (caps: string) => locateIssues(loadPolicyBundle(buildPolicyFiles({ 'cadence.yaml': cadence(caps) })).issues);
const issue = (line: number, column: number) => ({ file: 'cadence.yaml', line, column, code: 'invalid-cap-tiers', severity: 'error' });

describe('discount and credit caps', () => {
  it('accepts the spec example', () => {
    const caps = [
      '  discount:',
      '    - upTo: 5%',
      '    - upTo: 15%',
      '      approvers: [controller]',
      '    - approvers: [controller, legal]',
      '  credit:',
      '    - upTo: 500',
      '    - approvers: [controller]',
    ].join('\n');
    expect(lintCaps(caps)).toEqual([]);
  });

  it('requires rising bounds', () => {
    const caps = '  discount:\n    - upTo: 15%\n    - upTo: 5%\n  credit:\n    - upTo: 500\n    - upTo: "500.00"';
    expect(lintCaps(caps)).toEqual([issue(8, 13), issue(11, 13)]);
  });

  it('lets only the last tier leave out upTo', () => {
    const caps = '  credit:\n    - approvers: [controller]\n    - upTo: 500';
    expect(lintCaps(caps)).toEqual([issue(7, 7)]);
  });

  it('rejects a discount above 100 %', () => {
    expect(lintCaps('  discount:\n    - upTo: 120%')).toEqual([issue(7, 13)]);
  });
});
