import { Group, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftRecipient } from '../api/types.ts';

/** Roughly an address: the server validates it exactly. */
export const isEmailAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Whom a message to a third party goes to: the composer's address and name fields. */
export function ThirdPartyRecipient({
  value,
  onChange,
}: {
  value: DraftRecipient;
  onChange: (value: DraftRecipient) => void;
}) {
  const { t } = useTranslation();
  const invalid = value.email.trim() !== '' && !isEmailAddress(value.email);
  return (
    <div data-testid="third-party-recipient">
      <Group gap="xs" grow align="flex-start">
        <TextInput
          size="xs"
          type="email"
          required
          label={t('thirdParty.recipientEmail')}
          placeholder={t('thirdParty.recipientEmailPlaceholder')}
          value={value.email}
          error={invalid ? t('thirdParty.invalidEmail') : undefined}
          onChange={(event) => onChange({ ...value, email: event.currentTarget.value })}
        />
        <TextInput
          size="xs"
          label={t('thirdParty.recipientName')}
          placeholder={t('thirdParty.recipientNamePlaceholder')}
          value={value.name}
          onChange={(event) => onChange({ ...value, name: event.currentTarget.value })}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('thirdParty.hint')}
      </Text>
    </div>
  );
}
