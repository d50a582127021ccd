import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roles } from '../policy/policy-schema.ts';
import { can, formatPermissionMatrix, permissions, rolesThatCan, type Permission } from './permissions.ts';

// The product brief's roles (shared/product/plixo.md), checked permission by permission.
describe('the permission matrix', () => {
  it('gives the Controller everything', () => {
    for (const permission of Object.keys(permissions) as Permission[]) expect(can('controller', permission)).toBe(true);
  });

  it('keeps users, roles, connectors and approval thresholds to the roles the brief names', () => {
    expect(rolesThatCan('users.manage')).toEqual(['controller']);
    expect(rolesThatCan('approvals.thresholds')).toEqual(['controller']);
    expect(rolesThatCan('connectors.manage')).toEqual(['controller', 'billing_admin']);
    expect(rolesThatCan('exceptions.approve')).toEqual(['controller', 'legal']);
  });

  it('lets A/R Managers tune and publish policies and switch Autopilot, and Operators work the queue but not publish', () => {
    expect(['policy.edit', 'policy.publish', 'segments.mode', 'drafts.review'].every((permission) => can('ar_manager', permission as Permission))).toBe(true);
    expect(can('operator', 'queue.work')).toBe(true);
    expect(can('operator', 'drafts.review')).toBe(true);
    expect(can('operator', 'policy.publish')).toBe(false);
    expect(can('operator', 'policy.edit')).toBe(false);
  });

  it('lets Sales and CSMs nudge but never edit a policy, and Viewers only look and export', () => {
    for (const role of ['sales', 'csm'] as const) {
      expect(can(role, 'messages.nudge')).toBe(true);
      expect(can(role, 'policy.edit')).toBe(false);
      expect(can(role, 'policy.view')).toBe(false);
    }
    expect((Object.keys(permissions) as Permission[]).filter((permission) => can('viewer', permission))).toEqual(['dashboards.view', 'exports.run']);
  });

  it('has a row per permission and a column per role in docs/permissions.md (regenerate: npx plixo permissions > docs/permissions.md)', () => {
    const table = formatPermissionMatrix().split('\n');
    expect(table).toHaveLength(Object.keys(permissions).length + 2);
    expect(table[0]!.split('|').length - 2).toBe(2 + roles.length);
    const doc = readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8');
    expect(doc).toContain(formatPermissionMatrix());
  });
});
