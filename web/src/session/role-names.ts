import type { Role } from '../api/types.ts';

// The roles as people read them (the same words as docs/permissions.md), in the order of the
// permission matrix. A Record over the API's role type, so a new role does not compile without a name.

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

export const roleChoices = (Object.keys(roleNames) as Role[]).map((role) => ({ value: role, label: roleNames[role] }));
