import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppFrame } from './app-frame.tsx';
import { Loading } from './loading.tsx';
import { AcceptInvitationScreen } from './screens/accept-invitation-screen.tsx';
import { ApprovalsScreen } from './screens/approvals-screen.tsx';
import { DeliverabilityScreen } from './screens/deliverability-screen.tsx';
import { OpsScreen } from './screens/ops-screen.tsx';
import { PaymentSettingsScreen } from './screens/payment-settings-screen.tsx';
import { AuditScreen } from './screens/audit-screen.tsx';
import { InvoicesScreen } from './screens/invoices-screen.tsx';
import { QueueScreen } from './screens/queue-screen.tsx';
import { SegmentsScreen } from './screens/segments-screen.tsx';
import { SignInScreen } from './screens/sign-in-screen.tsx';
import { SignUpScreen } from './screens/sign-up-screen.tsx';
import { TeamScreen } from './screens/team-screen.tsx';
import { UnappliedCashScreen } from './screens/unapplied-cash-screen.tsx';
import { RequirePermission } from './session/require-permission.tsx';
import { useSession } from './session/use-session.ts';

// The screens with heavy parts (charts, the code editor, the simulator, the guides) load when first
// opened, so the queue, the screen most people open first, does not wait for them.
const DashboardScreen = lazy(() => import('./screens/dashboard-screen.tsx').then((module) => ({ default: module.DashboardScreen })));
const DocsScreen = lazy(() => import('./screens/docs-screen.tsx').then((module) => ({ default: module.DocsScreen })));
const PoliciesScreen = lazy(() => import('./screens/policies-screen.tsx').then((module) => ({ default: module.PoliciesScreen })));
const PolicyEditorScreen = lazy(() => import('./screens/policy-editor-screen.tsx').then((module) => ({ default: module.PolicyEditorScreen })));
const ImportsScreen = lazy(() => import('./screens/imports-screen.tsx').then((module) => ({ default: module.ImportsScreen })));
const SimulatorScreen = lazy(() => import('./screens/simulator-screen.tsx').then((module) => ({ default: module.SimulatorScreen })));
// For now on its own address; the Unapplied Cash screen will hold the remittance review.
const RemittanceReviewScreen = lazy(() => import('./screens/remittance-review.tsx').then((module) => ({ default: module.RemittanceReviewScreen })));

// Signed out: the sign-in screen. Signed in: the frame with the screens of the organisation in the
// address (/orgs/{id}/…), the first organisation by default.

export function App() {
  const session = useSession();
  if (session.isPending) {
    return <Loading height="100vh" />;
  }
  if (!session.data) {
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/signup" element={<SignUpScreen />} />
          <Route path="/accept-invitation" element={<AcceptInvitationScreen />} />
          <Route path="/docs" element={<DocsScreen />} />
          <Route path="/docs/:page" element={<DocsScreen />} />
          <Route path="*" element={<SignInScreen />} />
        </Routes>
      </Suspense>
    );
  }
  const first = session.data.organisations[0];
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/orgs/:orgId" element={<AppFrame session={session.data} />}>
          <Route index element={<Navigate to="queue" replace />} />
          <Route path="queue" element={<QueueScreen />} />
          <Route path="invoices" element={<InvoicesScreen />} />
          <Route path="unapplied" element={<RequirePermission permission="payments.apply" what="allocate payments"><UnappliedCashScreen /></RequirePermission>} />
          <Route path="imports" element={<RequirePermission permission="data.import" what="import files"><ImportsScreen /></RequirePermission>} />
          <Route path="dashboard" element={<DashboardScreen />} />
          <Route path="deliverability" element={<DeliverabilityScreen />} />
          <Route path="ops" element={<OpsScreen />} />
          <Route path="approvals" element={<ApprovalsScreen />} />
          <Route path="segments" element={<SegmentsScreen />} />
          <Route path="policies" element={<RequirePermission permission="policy.view" what="open policies"><PoliciesScreen /></RequirePermission>} />
          <Route path="policies/:version" element={<RequirePermission permission="policy.view" what="open policies"><PolicyEditorScreen /></RequirePermission>} />
          <Route path="simulator" element={<RequirePermission permission="policy.view" what="run the simulator"><SimulatorScreen /></RequirePermission>} />
          <Route path="team" element={<RequirePermission permission="users.manage" what="manage the team"><TeamScreen /></RequirePermission>} />
          <Route path="settings/payments" element={<RequirePermission permission="connectors.manage" what="manage payment settings"><PaymentSettingsScreen /></RequirePermission>} />
          <Route path="payments/:paymentId/remittance" element={<RequirePermission permission="payments.apply" what="review remittance advices"><RemittanceReviewScreen /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission permission="audit.view" what="read the audit log"><AuditScreen /></RequirePermission>} />
        </Route>
        <Route path="/accept-invitation" element={<AcceptInvitationScreen />} />
        <Route path="/docs" element={<DocsScreen />} />
        <Route path="/docs/:page" element={<DocsScreen />} />
        <Route path="*" element={first ? <Navigate to={`/orgs/${first.id}/queue`} replace /> : <SignInScreen />} />
      </Routes>
    </Suspense>
  );
}
