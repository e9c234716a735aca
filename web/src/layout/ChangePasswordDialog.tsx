import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/people.ts';
import { NewPasswordFields, useNewPassword } from '../auth/NewPasswordFields.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** Changes the signed-in user's password; the server signs out their other sessions. */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const newPassword = useNewPassword();
  const change = useMutation({ mutationFn: () => authApi.changePassword(current, newPassword.password) });

  const close = () => {
    setCurrent('');
    newPassword.reset();
    change.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (newPassword.confirm()) change.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('auth.changePassword')}>
      {change.isSuccess ? (
        <Stack>
          <Alert color="teal" role="status">
            {t('auth.passwordChanged')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <PasswordInput
              label={t('auth.currentPassword')}
              required
              autoComplete="current-password"
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
            />
            <NewPasswordFields state={newPassword} withHelp />
            <ErrorAlert error={change.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={change.isPending}>
                {t('auth.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
