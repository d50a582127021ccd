import { roles, type Role } from '../policy/policy-schema.ts';

// Who may do what: the one place the permission matrix lives (docs/permissions.md is printed from
// it by `plixo permissions`). Least privilege: a role has only what is listed for it.

export const permissions = {
  'dashboards.view': 'see dashboards, the collections queue and account context',
  'exports.run': 'export reports and lists',
  'policy.view': 'read policies, templates and their versions',
  'policy.edit': 'edit drafts of cadences, templates, segments and guardrails (caps, quiet hours)',
  'policy.publish': 'publish a policy version to segments, or roll back to an earlier one',
  'approvals.thresholds': 'set discount and credit caps and the roles that approve exceptions',
  'segments.mode': 'turn Autopilot on or off for a segment',
  'segments.override': 'turn Autopilot on past a failed gate (coverage, disputes, reversals), with a rationale',
  'drafts.review': 'approve, edit or discard Shadow Mode drafts',
  'messages.nudge': 'send a pre-approved nudge (inside quiet hours and caps)',
  'queue.work': 'work the collections queue: log promises, disputes, pauses and notes',
  'suppressions.manage': 'add or lift suppressions (opt-outs, legal holds)',
  'disputes.escalated': 'handle escalated disputes',
  'templates.review': 'review templates (legal sign-off)',
  'exceptions.request': 'request a discount, credit or payment-plan exception',
  'exceptions.approve': 'approve or reject exceptions routed to the role',
  'credits.within_authority': 'issue credits within the role’s authority',
  'data.import': 'import customers, contacts and invoices from CSV files, and payments with payments.apply',
  'connectors.manage': 'set up connectors and payment processors, portal links, refunds in the processor',
  'payments.apply': 'record incoming payments and allocate them to invoices (Unapplied Cash)',
  'payments.reverse': 'record that a payment was refunded or charged back',
  'users.manage': 'invite users, assign roles, issue API tokens',
  'operations.manage': 'maintenance, scheduled jobs, sending domains',
  'audit.view': 'read and export the audit trail',
} as const;

export type Permission = keyof typeof permissions;

const everyone: Permission[] = ['dashboards.view'];

const grants: Record<Role, readonly Permission[]> = {
  controller: Object.keys(permissions) as Permission[],
  ar_manager: [...everyone, 'exports.run', 'data.import', 'policy.view', 'policy.edit', 'policy.publish', 'segments.mode', 'drafts.review', 'messages.nudge', 'queue.work', 'payments.apply', 'suppressions.manage', 'exceptions.request', 'operations.manage', 'audit.view'],
  operator: [...everyone, 'policy.view', 'drafts.review', 'messages.nudge', 'queue.work', 'payments.apply', 'suppressions.manage', 'exceptions.request'],
  legal: [...everyone, 'policy.view', 'templates.review', 'exceptions.approve', 'disputes.escalated', 'suppressions.manage', 'audit.view'],
  billing_admin: [...everyone, 'data.import', 'connectors.manage', 'payments.apply', 'payments.reverse', 'credits.within_authority', 'exceptions.request'],
  sales: [...everyone, 'messages.nudge', 'exceptions.request'],
  csm: [...everyone, 'messages.nudge', 'exceptions.request'],
  viewer: [...everyone, 'exports.run'],
};

const matrix = new Map<Role, ReadonlySet<Permission>>(roles.map((role) => [role, new Set(grants[role])]));

export function can(role: Role, permission: Permission): boolean {
  return matrix.get(role)?.has(permission) ?? false;
}

/** The roles that hold a permission, in the order of `roles`: for "ask a Controller or an A/R Manager". */
export function rolesThatCan(permission: Permission): Role[] {
  return roles.filter((role) => can(role, permission));
}

export const roleNames: Record<Role, string> = {
  controller: 'Controller',
  ar_manager: 'A/R Manager',
  operator: 'A/R Operator',
  legal: 'Legal',
  billing_admin: 'Billing Admin',
  sales: 'Sales',
  csm: 'CSM',
  viewer: 'Viewer / CFO',
};

/** The matrix as a Markdown table (docs/permissions.md). */
export function formatPermissionMatrix(): string {
  const header = `| permission | what it allows | ${roles.map((role) => roleNames[role]).join(' | ')} |`;
  const rule = `| --- | --- | ${roles.map(() => ':---:').join(' | ')} |`;
  const rows = (Object.entries(permissions) as [Permission, string][]).map(
    ([permission, description]) => `| \`${permission}\` | ${description} | ${roles.map((role) => (can(role, permission) ? 'yes' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
