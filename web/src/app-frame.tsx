import { Anchor, AppShell, Burger, Group, NavLink, Select, Text, Title, Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, NavLink as RouterLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { api } from './api/client.ts';
import type { Session } from './api/types.ts';
import { Loading } from './loading.tsx';
import { useSetSession } from './session/use-session.ts';

// The frame around every screen: the organisation switcher, the navigation (only the screens the
// person's role can use), and signing out.

interface Screen {
  path: string;
  label: string;
  /** The permission the screen needs; a person without it never sees the link. */
  permission: string;
  /** Where its guide is in the docs portal: /docs/{help}. */
  help: string;
}

const screens: Screen[] = [
  { path: 'dashboard', label: 'Dashboard', permission: 'dashboards.view', help: 'web-app#dashboard-orgsorganisationdashboard' },
  { path: 'queue', label: 'Collections queue', permission: 'dashboards.view', help: 'web-app#the-collections-queue-orgsorganisationqueue' },
  { path: 'invoices', label: 'Invoices', permission: 'dashboards.view', help: 'web-app#invoices-orgsorganisationinvoices' },
  { path: 'unapplied', label: 'Unapplied Cash', permission: 'payments.apply', help: 'cash-application#unapplied-cash' },
  { path: 'imports', label: 'Imports', permission: 'data.import', help: 'imports' },
  { path: 'approvals', label: 'Approvals', permission: 'dashboards.view', help: 'approvals' },
  { path: 'segments', label: 'Segments', permission: 'dashboards.view', help: 'segments' },
  { path: 'policies', label: 'Policies', permission: 'policy.view', help: 'web-app#policies-orgsorganisationpolicies' },
  { path: 'simulator', label: 'Simulator', permission: 'policy.view', help: 'web-app#simulator-orgsorganisationsimulator' },
  { path: 'deliverability', label: 'Deliverability', permission: 'dashboards.view', help: 'deliverability' },
  { path: 'ops', label: 'Ops console', permission: 'dashboards.view', help: 'operations' },
  { path: 'team', label: 'Team', permission: 'users.manage', help: 'web-app#team-orgsorganisationteam' },
  { path: 'settings/payments', label: 'Payment settings', permission: 'connectors.manage', help: 'payments#in-the-web-app' },
  { path: 'audit', label: 'Audit log', permission: 'audit.view', help: 'web-app#audit-log-orgsorganisationaudit' },
];

export function AppFrame({ session }: { session: Session }) {
  const [opened, { toggle }] = useDisclosure();
  const { orgId } = useParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const { pathname } = useLocation();
  const organisation = session.organisations.find((candidate) => candidate.id === orgId);
  // The help of the screen open now; the docs' front page elsewhere.
  const current = screens.find((screen) => `${pathname.split('/').slice(3).join('/')}/`.startsWith(`${screen.path}/`));
  if (!organisation) {
    return (
      <Text p="xl" role="alert">
        You are not a member of the organisation {orgId}.
      </Text>
    );
  }
  const signOut = async () => {
    await api('POST', '/api/auth/signout', {});
    setSession(null);
    navigate('/');
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open the navigation" />
            <Title order={3}>Plixo</Title>
          </Group>
          <Group wrap="nowrap">
            {session.organisations.length > 1 ? (
              <Select
                aria-label="Organisation"
                data={session.organisations.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
                value={organisation.id}
                onChange={(value) => value && navigate(`/orgs/${value}/queue`)}
                allowDeselect={false}
              />
            ) : (
              <Text fw={500}>{organisation.name}</Text>
            )}
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {session.user.email} · {organisation.role.replace('_', ' ')}
            </Text>
            <Anchor component={Link} to={`/docs/${current?.help ?? 'web-app'}`} size="sm" aria-label={current ? `Help: ${current.label}` : 'Help'}>
              Help
            </Anchor>
            <Button variant="subtle" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        {screens
          .filter((screen) => organisation.permissions.includes(screen.permission))
          .map((screen) => (
            <NavLink key={screen.path} component={RouterLink} to={`/orgs/${organisation.id}/${screen.path}`} label={screen.label} />
          ))}
        <NavLink component={RouterLink} to="/docs" label="Help and docs" mt="auto" />
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>
          <Outlet context={organisation} />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
