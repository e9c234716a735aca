import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../api/people.ts';
import { type Customer, LOCALES } from '../api/types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** Edits a customer's contact details: name, phone, preferred language, country and other addresses. */
export function CustomerEditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(customer.name ?? '');
  const [phone, setPhone] = useState(customer.phone ?? '');
  const [locale, setLocale] = useState<string | null>(customer.locale);
  const [country, setCountry] = useState(customer.country ?? '');
  const [otherEmails, setOtherEmails] = useState((customer.otherEmails ?? []).join('\n'));
  const save = useMutation({
    mutationFn: () =>
      peopleApi.updateCustomer(customer.id, {
        name: name.trim() || null,
        phone: phone.trim() || null,
        locale,
        country: country.trim().toUpperCase() || null,
        otherEmails: otherEmails
          .split(/[\s,;]+/)
          .map((email) => email.trim())
          .filter(Boolean),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['customer', customer.id] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} data-testid="customer-edit">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('customer.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('customer.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
          <Select
            label={t('customer.locale')}
            placeholder={t('customer.noLanguage')}
            clearable
            data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
            value={locale}
            onChange={setLocale}
          />
          <TextInput
            label={t('customer.country')}
            description={t('customer.countryHelp')}
            maxLength={2}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label={t('customer.otherEmails')}
          description={t('customer.otherEmailsHelp')}
          autosize
          minRows={2}
          value={otherEmails}
          onChange={(e) => setOtherEmails(e.currentTarget.value)}
        />
        <ErrorAlert error={save.error} />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('customer.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
