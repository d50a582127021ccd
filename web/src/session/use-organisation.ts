import { useOutletContext } from 'react-router';
import type { OrganisationMembership } from '../api/types.ts';

/** The organisation of the screen, with the person's role and permissions in it. */
export function useOrganisation(): OrganisationMembership & { can: (permission: string) => boolean } {
  const organisation = useOutletContext<OrganisationMembership>();
  return { ...organisation, can: (permission) => organisation.permissions.includes(permission) };
}
