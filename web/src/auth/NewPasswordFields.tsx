// The "new password" and "repeat it" pair used wherever a password is chosen (invitation,
// reset link, change from the account menu), with the same rules and messages everywhere.
import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export const MIN_PASSWORD_LENGTH = 10;

export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    repeat,
    mismatch,
    setPassword,
    setRepeat,
    /** True when both fields agree; otherwise marks the repeat field. */
    confirm: () => {
      setMismatch(password !== repeat);
      return password === repeat;
    },
    reset: () => {
      setPassword('');
      setRepeat('');
      setMismatch(false);
    },
  };
}

export function NewPasswordFields({
  state,
  withHelp = false,
}: {
  state: ReturnType<typeof useNewPassword>;
  withHelp?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('auth.newPassword')}
        description={withHelp ? t('auth.setPasswordHelp', { count: MIN_PASSWORD_LENGTH }) : undefined}
        required
        minLength={MIN_PASSWORD_LENGTH}
        autoComplete="new-password"
        value={state.password}
        onChange={(event) => state.setPassword(event.currentTarget.value)}
      />
      <PasswordInput
        label={t('auth.repeatPassword')}
        required
        autoComplete="new-password"
        value={state.repeat}
        error={state.mismatch ? t('auth.passwordsDiffer') : undefined}
        onChange={(event) => state.setRepeat(event.currentTarget.value)}
      />
    </>
  );
}
