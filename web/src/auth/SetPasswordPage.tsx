import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../api/people.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { MIN_PASSWORD_LENGTH, NewPasswordFields, useNewPassword } from './NewPasswordFields.tsx';
import { useSession } from './session.tsx';

/** Where invitation and password-reset links land: `/set-password?token=…`. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const newPassword = useNewPassword();
  const save = useMutation({
    mutationFn: () => authApi.setPassword(token, newPassword.password),
    onSuccess: (session) => {
      signedIn(session);
      void navigate('/inbox', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.confirm()) save.mutate();
  };

  return (
    <AuthFrame title={t('auth.setPasswordTitle')}>
      {token ? (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('auth.setPasswordHelp', { count: MIN_PASSWORD_LENGTH })}
            </Text>
            <NewPasswordFields state={newPassword} />
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
