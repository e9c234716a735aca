import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { authApi } from '../api/people.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { useSession } from './session.tsx';

function ForgotPassword({ onBack, initialEmail }: { onBack: () => void; initialEmail: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(initialEmail);
  const request = useMutation({ mutationFn: authApi.requestReset });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email);
  };
  return (
    <AuthFrame title={t('auth.forgotTitle')}>
      {request.isSuccess ? (
        <Alert color="green" role="status">
          {t('auth.resetSent', { email })}
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('auth.forgotHelp')}
            </Text>
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <ErrorAlert error={request.error} />
            <Button type="submit" loading={request.isPending}>
              {t('auth.sendResetLink')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component="button" type="button" size="sm" onClick={onBack}>
        {t('auth.backToSignIn')}
      </Anchor>
    </AuthFrame>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [forgot, setForgot] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/inbox';
  const login = useMutation({
    mutationFn: () => authApi.login(email, password),
    onSuccess: (session) => {
      signedIn(session);
      void navigate(from, { replace: true });
    },
  });

  if (user) return <Navigate to={from} replace />;
  if (forgot) return <ForgotPassword initialEmail={email} onBack={() => setForgot(false)} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <AuthFrame title={t('auth.signInTitle')}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('auth.email')}
            name="email"
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label={t('auth.password')}
            name="password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <ErrorAlert error={login.error} />
          <Button type="submit" loading={login.isPending}>
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
      <Anchor component="button" type="button" size="sm" onClick={() => setForgot(true)}>
        {t('auth.forgotLink')}
      </Anchor>
    </AuthFrame>
  );
}
