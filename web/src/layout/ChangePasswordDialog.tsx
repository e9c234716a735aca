import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/people.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

const MIN_PASSWORD_LENGTH = 10;

/** Changes the signed-in user's password; the server signs out their other sessions. */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({ mutationFn: () => authApi.changePassword(current, next) });

  const close = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setMismatch(false);
    change.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differs = next !== repeat;
    setMismatch(differs);
    if (!differs) change.mutate();
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
            <PasswordInput
              label={t('auth.newPassword')}
              description={t('auth.setPasswordHelp', { count: MIN_PASSWORD_LENGTH })}
              required
              minLength={MIN_PASSWORD_LENGTH}
              autoComplete="new-password"
              value={next}
              onChange={(event) => setNext(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.repeatPassword')}
              required
              autoComplete="new-password"
              value={repeat}
              error={mismatch ? t('auth.passwordsDiffer') : undefined}
              onChange={(event) => setRepeat(event.currentTarget.value)}
            />
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
