import type { Store, StoredEngineAction, StoredWorkspace } from './ports/store.ts';

export interface WorkspaceOverview {
  workspace: StoredWorkspace;
  customers: number;
  openInvoices: number;
  actionsByType: Record<string, number>;
  latestActions: StoredEngineAction[];
}

/** What the first page shows: the workspace, its size and the engine's latest decisions. */
export async function getWorkspaceOverview(store: Store, workspaceId: string, options: { latest?: number } = {}): Promise<WorkspaceOverview | null> {
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) return null;
  const [customers, invoices, actions] = await Promise.all([
    store.listCustomers(workspaceId),
    store.listInvoices(workspaceId),
    store.listEngineActions(workspaceId),
  ]);
  const actionsByType: Record<string, number> = {};
  for (const action of actions) actionsByType[action.type] = (actionsByType[action.type] ?? 0) + 1;
  return {
    workspace,
    customers: customers.length,
    openInvoices: invoices.filter((invoice) => invoice.status === 'open' && invoice.balanceMinor > 0).length,
    actionsByType,
    latestActions: actions.slice(-(options.latest ?? 25)).reverse(),
  };
}
