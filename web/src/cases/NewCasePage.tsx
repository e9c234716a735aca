import { Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { casesApi } from '../api/cases.ts';
import type { Case, Priority } from '../api/types.ts';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';
import { useOptions } from '../common/labels.tsx';

interface Fields {
  subject: string;
  email: string;
  name: string;
  phone: string;
  body: string;
  priority: Priority;
  category: string;
}

const EMPTY: Fields = { subject: '', email: '', name: '', phone: '', body: '', priority: 'normal', category: 'other' };

/** A new case written by an agent, or a phone call they just took (`phone`): both open a case. */
export function NewCasePage({ phone = false }: { phone?: boolean }) {
  const { t } = useTranslation();
  const options = useOptions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const set = (key: keyof Fields) => (value: string) => setFields((current) => ({ ...current, [key]: value }));
  const customer = { email: fields.email.trim(), ...(fields.name.trim() ? { name: fields.name.trim() } : {}) };

  const create = useMutation({
    mutationFn: (): Promise<Case> =>
      phone
        ? casesApi.logPhoneCall({
            subject: fields.subject,
            customer: { ...customer, ...(fields.phone.trim() ? { phone: fields.phone.trim() } : {}) },
            summary: fields.body,
            priority: fields.priority,
            category: fields.category,
          })
        : casesApi.create({
            subject: fields.subject,
            customer,
            message: { body: fields.body },
            priority: fields.priority,
            category: fields.category,
          }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void navigate(`/cases/${created.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const error = create.error;

  return (
    <Paper withBorder p="md" radius="md" maw={720} mx="auto">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={1} size="h3">
            {phone ? t('newCase.phoneTitle') : t('newCase.title')}
          </Title>
          <TextInput
            label={t('newCase.subject')}
            required
            value={fields.subject}
            onChange={(event) => set('subject')(event.currentTarget.value)}
            error={fieldError(error, 'subject')}
          />
          <SimpleGrid cols={{ base: 1, sm: phone ? 3 : 2 }} spacing="sm">
            <TextInput
              label={t('newCase.customerEmail')}
              type="email"
              required
              value={fields.email}
              onChange={(event) => set('email')(event.currentTarget.value)}
              error={fieldError(error, 'customer.email')}
            />
            <TextInput
              label={t('newCase.customerName')}
              value={fields.name}
              onChange={(event) => set('name')(event.currentTarget.value)}
            />
            {phone ? (
              <TextInput
                label={t('newCase.customerPhone')}
                type="tel"
                value={fields.phone}
                onChange={(event) => set('phone')(event.currentTarget.value)}
              />
            ) : null}
          </SimpleGrid>
          <Textarea
            label={phone ? t('newCase.summary') : t('newCase.message')}
            description={phone ? t('newCase.summaryHelp') : undefined}
            required
            autosize
            minRows={5}
            value={fields.body}
            onChange={(event) => set('body')(event.currentTarget.value)}
            error={fieldError(error, phone ? 'summary' : 'message.body')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('case.priority')}
              allowDeselect={false}
              data={options.priorities}
              value={fields.priority}
              onChange={(value) => value && set('priority')(value)}
            />
            <Select
              label={t('case.category')}
              allowDeselect={false}
              data={options.categories}
              value={fields.category}
              onChange={(value) => value && set('category')(value)}
            />
          </SimpleGrid>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {phone ? t('newCase.logCall') : t('newCase.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
