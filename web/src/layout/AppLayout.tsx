import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser, useSession } from '../auth/session.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationsBell } from './NotificationsBell.tsx';
import { useLiveUpdates } from './useLiveUpdates.ts';

interface NavItem {
  to: string;
  label: string;
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [changingPassword, setChangingPassword] = useState(false);
  // On a phone the closed navbar only slides off screen; `inert` keeps it out of the tab order too.
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  useLiveUpdates();

  const work: NavItem[] = [
    { to: '/inbox', label: t('nav.inbox') },
    { to: '/cases/new', label: t('nav.newCase') },
    { to: '/cases/phone-call', label: t('nav.phoneCall') },
    { to: '/customers', label: t('nav.customers') },
  ];
  const quality: NavItem[] = [
    { to: '/admin/reply-checker', label: t('nav.replyChecker') },
    { to: '/admin/quality', label: t('nav.quality') },
    { to: '/admin/company', label: t('nav.company') },
    { to: '/admin/scripts', label: t('scripts.nav') },
    { to: '/admin/knowledge', label: t('kb.nav') },
    { to: '/admin/partners', label: t('partners.nav') },
    { to: '/admin/sla', label: t('sla.nav') },
    { to: '/admin/calendars', label: t('calendars.nav') },
  ];
  const admin: NavItem[] = [
    { to: '/admin/users', label: t('nav.users') },
    { to: '/admin/teams', label: t('nav.teams') },
    { to: '/admin/tokens', label: t('nav.tokens') },
    { to: '/admin/mailboxes', label: t('mailboxes.nav') },
    { to: '/admin/quarantine', label: t('quarantine.nav') },
  ];
  const link = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={
        location.pathname === item.to ||
        location.pathname.startsWith(`${item.to}/`) ||
        (item.to === '/inbox' && location.pathname === '/')
      }
      onClick={close}
    />
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <ChangePasswordDialog opened={changingPassword} onClose={() => setChangingPassword(false)} />
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to="/inbox" fw={700} size="lg" c="blue.7" style={{ textDecoration: 'none' }}>
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <NotificationsBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.account')} data-testid="account-menu">
                  <Group gap={6} wrap="nowrap">
                    <Avatar name={user.name} color="initials" size={30} />
                    <Text size="sm" fw={500} truncate maw={140} visibleFrom="md">
                      {user.name}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.email}</Menu.Label>
                <Menu.Label>{t(`role.${user.role}`)}</Menu.Label>
                <Menu.Item onClick={() => setChangingPassword(true)}>{t('auth.changePassword')}</Menu.Item>
                <Menu.Item
                  onClick={() => {
                    void signOut().then(() => navigate('/login'));
                  }}
                >
                  {t('auth.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" inert={phone && !opened}>
        <AppShell.Section grow component={ScrollArea}>
          {work.map(link)}
          {user.role === 'admin' || user.role === 'supervisor' ? (
            <>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md" mb={4} px="sm">
                {t('nav.serviceQuality')}
              </Text>
              {quality.map(link)}
            </>
          ) : null}
          {user.role === 'admin' ? (
            <>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md" mb={4} px="sm">
                {t('nav.admin')}
              </Text>
              {admin.map(link)}
            </>
          ) : null}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
