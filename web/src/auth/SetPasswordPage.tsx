import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../api/people.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { useSession } from './session.tsx';

const MIN_PASSWORD_LENGTH = 10;

/** Where invitation and password-reset links land: `/set-password?token=…`. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const save = useMutation({
    mutationFn: () => authApi.setPassword(token, password),
    onSuccess: (session) => {
      signedIn(session);
      void navigate('/inbox', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differs = password !== repeat;
    setMismatch(differs);
    if (!differs) save.mutate();
  };

  return (
    <AuthFrame title={t('auth.setPasswordTitle')}>
      {token ? (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('auth.setPasswordHelp', { count: MIN_PASSWORD_LENGTH })}
            </Text>
            <PasswordInput
              label={t('auth.newPassword')}
              required
              minLength={MIN_PASSWORD_LENGTH}
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.repeatPassword')}
              required
              autoComplete="new-password"
              value={repeat}
              error={mismatch ? t('auth.passwordsDiffer') : undefined}
              onChange={(event) => setRepeat(event.currentTarget.value)}
            />
            <ErrorAlert error={save.error} />
            <Button type="submit" loading={save.isPending}>
              {t('auth.savePassword')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Alert color="red">{t('auth.missingToken')}</Alert>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('auth.backToSignIn')}
      </Anchor>
    </AuthFrame>
  );
}
