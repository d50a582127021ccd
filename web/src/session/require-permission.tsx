import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useOrganisation } from './use-organisation.ts';

// A screen behind a permission: someone whose role lacks it (a link typed or bookmarked) is told
// so plainly, and never sees the screen's controls.

export function RequirePermission({ permission, what, children }: { permission: string; what: string; children: ReactNode }) {
  const organisation = useOrganisation();
  if (organisation.can(permission)) return children;
  const role = organisation.role.replace(/_/g, ' ');
  return (
    <Alert color="yellow" role="alert" title="Not available to your role">
      Your role ({role}) cannot {what} in {organisation.name}. Ask a Controller if you need it.
    </Alert>
  );
}
