import { escapeHtml } from '../../core/messages/escape-html.ts';
import { roleNames } from '../../core/access/permissions.ts';
import type { Role } from '../../core/policy/policy-schema.ts';
import type { StoredApprovalRequest } from '../ports/approval-store.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';

// Email to the people a request waits for (every member holding one of its awaited roles, never
// the requester), and to the requester once it is decided. In the app the same requests show in
// the approvals inbox (`GET /api/orgs/{org}/approvals?awaiting=me`).

export async function notifyMembers(input: {
  store: Store;
  mailer: UserMailer;
  request: StoredApprovalRequest;
  roles: readonly Role[] | 'requester';
  subject: string;
  text: string;
  link: string;
  key: string;
}): Promise<number> {
  const { store, mailer, request } = input;
  const members = await store.listMemberships({ workspaceId: request.workspaceId });
  const to =
    input.roles === 'requester'
      ? members.filter((member) => member.userId === request.requesterId)
      : members.filter((member) => (input.roles as readonly Role[]).includes(member.role) && member.userId !== request.requesterId);
  let sent = 0;
  for (const member of to) {
    const result = await mailer.send({
      to: member.email,
      key: `${input.key}:${member.userId}`,
      subject: input.subject,
      text: `${input.text}\n\nOpen it: ${input.link}\n`,
      html: `<p>${escapeHtml(input.text).replace(/\n/g, '<br>')}</p><p><a href="${escapeHtml(input.link)}">Open it in Plixo</a></p>`,
    });
    if (result.sent) sent += 1;
  }
  return sent;
}

export function describeRoles(roles: readonly Role[]): string {
  return roles.map((role) => roleNames[role]).join(' and ');
}
