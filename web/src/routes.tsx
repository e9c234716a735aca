import { Alert, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { CalendarsPage } from './admin/CalendarsPage.tsx';
import { CompanyPage } from './admin/CompanyPage.tsx';
import { KnowledgePage } from './admin/KnowledgePage.tsx';
import { MailboxesPage } from './admin/MailboxesPage.tsx';
import { PartnersPage } from './admin/PartnersPage.tsx';
import { QualityCasePage } from './admin/QualityCasePage.tsx';
import { QualityPage } from './admin/QualityPage.tsx';
import { QuarantinePage } from './admin/QuarantinePage.tsx';
import { ReplyCheckerPage } from './admin/ReplyCheckerPage.tsx';
import { ScriptsPage } from './admin/ScriptsPage.tsx';
import { SlaPage } from './admin/SlaPage.tsx';
import { TeamsPage } from './admin/TeamsPage.tsx';
import { TokensPage } from './admin/TokensPage.tsx';
import { UsersPage } from './admin/UsersPage.tsx';
import type { Role } from './api/types.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { SetPasswordPage } from './auth/SetPasswordPage.tsx';
import { useSession } from './auth/session.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { InboxPage } from './cases/InboxPage.tsx';
import { NewCasePage } from './cases/NewCasePage.tsx';
import { CustomerPage } from './customers/CustomerPage.tsx';
import { CustomersPage } from './customers/CustomersPage.tsx';
import { AppLayout } from './layout/AppLayout.tsx';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <Center mih="100dvh">
        <Loader />
      </Center>
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user || !roles.includes(user.role)) return <Alert color="red">{t('errors.forbidden')}</Alert>;
  return children;
}

const ADMIN: readonly Role[] = ['admin'];
/** Supervisors look after service quality: the reply checker, QA and (read-only) company settings. */
export const QUALITY_ROLES: readonly Role[] = ['admin', 'supervisor'];

function RequireAdmin({ children }: { children: ReactNode }) {
  return <RequireRole roles={ADMIN}>{children}</RequireRole>;
}

function RequireQuality({ children }: { children: ReactNode }) {
  return <RequireRole roles={QUALITY_ROLES}>{children}</RequireRole>;
}

function NotFound() {
  const { t } = useTranslation();
  return <Alert color="gray">{t('errors.not-found')}</Alert>;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/set-password', element: <SetPasswordPage /> },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'cases/new', element: <NewCasePage /> },
      { path: 'cases/phone-call', element: <NewCasePage key="phone" phone /> },
      { path: 'cases/:id', element: <CasePage /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:id', element: <CustomerPage /> },
      {
        path: 'admin/users',
        element: (
          <RequireAdmin>
            <UsersPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/teams',
        element: (
          <RequireAdmin>
            <TeamsPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/tokens',
        element: (
          <RequireAdmin>
            <TokensPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/mailboxes',
        element: (
          <RequireAdmin>
            <MailboxesPage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/quarantine',
        element: (
          <RequireAdmin>
            <QuarantinePage />
          </RequireAdmin>
        ),
      },
      {
        path: 'admin/reply-checker',
        element: (
          <RequireQuality>
            <ReplyCheckerPage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/quality',
        element: (
          <RequireQuality>
            <QualityPage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/quality/:id',
        element: (
          <RequireQuality>
            <QualityCasePage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/partners',
        element: (
          <RequireQuality>
            <PartnersPage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/scripts',
        element: (
          <RequireQuality>
            <ScriptsPage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/knowledge',
        element: (
          <RequireQuality>
            <KnowledgePage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/company',
        element: (
          <RequireQuality>
            <CompanyPage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/sla',
        element: (
          <RequireQuality>
            <SlaPage />
          </RequireQuality>
        ),
      },
      {
        path: 'admin/calendars',
        element: (
          <RequireQuality>
            <CalendarsPage />
          </RequireQuality>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
