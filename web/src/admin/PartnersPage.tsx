import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type Partner,
  type PartnerFilters,
  type PartnerInput,
  type PartnerStatus,
  partnersApi,
} from '../api/partners.ts';
import { ErrorAlert, fieldError } from '../common/ErrorAlert.tsx';
import { useFormat } from '../common/format.ts';

const EMPTY: PartnerInput = {
  name: '',
  specializations: [],
  regions: [],
  terms: '',
  contact: { email: '', phone: '' },
  status: 'active',
  notes: '',
};

const toInput = (partner: Partner): PartnerInput => ({
  name: partner.name,
  specializations: partner.specializations,
  regions: partner.regions,
  terms: partner.terms,
  contact: { email: partner.contact.email, phone: partner.contact.phone ?? '' },
  status: partner.status,
  notes: partner.notes,
});

/** Create or edit one partner: name, specializations, countries served, terms, contact, status, review notes. */
function PartnerDialog({ partner, onClose }: { partner: Partner | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PartnerInput>(partner === 'new' ? EMPTY : toInput(partner));
  const set = (patch: Partial<PartnerInput>) => setForm((current) => ({ ...current, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      const input = { ...form, contact: { email: form.contact.email, phone: form.contact.phone?.trim() || null } };
      return partner === 'new' ? partnersApi.create(input) : partnersApi.update(partner.id, input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['partners'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={partner === 'new' ? t('partners.new') : partner.name}>
      <form onSubmit={submit} data-testid="partner-form">
        <Stack gap="sm">
          <TextInput
            label={t('partners.name')}
            required
            value={form.name}
            onChange={(event) => set({ name: event.currentTarget.value })}
          />
          <TagsInput
            label={t('partners.specializations')}
            description={t('partners.specializationsHelp')}
            required
            value={form.specializations}
            onChange={(specializations) => set({ specializations })}
            error={fieldError(save.error, 'specializations')}
          />
          <TagsInput
            label={t('partners.regions')}
            description={t('partners.regionsHelp')}
            value={form.regions}
            onChange={(regions) => set({ regions: regions.map((region) => region.toUpperCase()) })}
          />
          <Textarea
            label={t('partners.terms')}
            description={t('partners.termsHelp')}
            autosize
            minRows={2}
            value={form.terms}
            onChange={(event) => set({ terms: event.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('partners.email')}
              type="email"
              required
              value={form.contact.email}
              onChange={(event) => set({ contact: { ...form.contact, email: event.currentTarget.value } })}
            />
            <TextInput
              label={t('partners.phone')}
              value={form.contact.phone ?? ''}
              onChange={(event) => set({ contact: { ...form.contact, phone: event.currentTarget.value } })}
            />
          </Group>
          <Select
            label={t('partners.status')}
            allowDeselect={false}
            data={(['active', 'paused'] as const).map((value) => ({ value, label: t(`partners.statuses.${value}`) }))}
            value={form.status}
            onChange={(value) => value && set({ status: value as PartnerStatus })}
          />
          <Textarea
            label={t('partners.notes')}
            autosize
            minRows={2}
            value={form.notes}
            onChange={(event) => set({ notes: event.currentTarget.value })}
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('partners.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One partner's referrals with the customers' answers. */
function Referrals({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const format = useFormat();
  const referrals = useQuery({
    queryKey: ['partners', partner.id, 'referrals'],
    queryFn: () => partnersApi.referrals(partner.id),
  });
  const yesNo = (value: boolean | null) => (value === null ? '—' : value ? t('partners.yes') : t('partners.no'));
  return (
    <Stack gap="xs">
      <ErrorAlert error={referrals.error} />
      {referrals.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('partners.noReferrals')}
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" data-testid="partner-referrals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partners.referredAt')}</Table.Th>
              <Table.Th>{t('partners.direction')}</Table.Th>
              <Table.Th>{t('partners.customer')}</Table.Th>
              <Table.Th>{t('partners.served')}</Table.Th>
              <Table.Th>{t('partners.satisfied')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(referrals.data?.items ?? []).map((referral) => (
              <Table.Tr key={referral.id}>
                <Table.Td>{format.dateTime(referral.createdAt)}</Table.Td>
                <Table.Td>{t(`partners.directions.${referral.direction}`)}</Table.Td>
                <Table.Td>
                  {referral.case ? (
                    <Text component={Link} to={`/cases/${referral.case.id}`} size="sm" c="blue.7">
                      #{referral.case.number} · {referral.customer?.name ?? referral.customer?.email}
                    </Text>
                  ) : (
                    (referral.customer?.name ?? referral.customer?.email ?? '—')
                  )}
                </Table.Td>
                <Table.Td>{yesNo(referral.outcome.served)}</Table.Td>
                <Table.Td>{yesNo(referral.outcome.satisfied)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function FollowUpSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['partners', 'settings'], queryFn: partnersApi.settings });
  const save = useMutation({
    mutationFn: partnersApi.saveSettings,
    onSuccess: (saved) => queryClient.setQueryData(['partners', 'settings'], saved),
  });
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  return (
    <NumberInput
      w={260}
      size="xs"
      label={t('partners.followUpDays')}
      description={t('partners.followUpDaysHelp')}
      min={1}
      max={90}
      defaultValue={settings.data.followUpDays}
      onBlur={(event) => {
        const days = Number(event.currentTarget.value);
        if (Number.isInteger(days) && days >= 1 && days <= 90 && days !== settings.data.followUpDays) save.mutate(days);
      }}
      error={save.error ? t('partners.saveFailed') : undefined}
    />
  );
}

export function PartnersPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<PartnerFilters>({});
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // A region filters once it is a whole two-letter code.
  const query = { ...filters, region: filters.region?.length === 2 ? filters.region : undefined };
  const partners = useQuery({ queryKey: ['partners', query], queryFn: () => partnersApi.list(query) });
  const setFilter = (patch: PartnerFilters) => setFilters((current) => ({ ...current, ...patch }));

  return (
    <Stack gap="sm" maw={1100} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          {t('partners.title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('partners.new')}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('partners.help')}
      </Text>
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          label={t('partners.specialization')}
          value={filters.specialization ?? ''}
          onChange={(event) => setFilter({ specialization: event.currentTarget.value })}
        />
        <TextInput
          size="xs"
          w={110}
          label={t('partners.region')}
          maxLength={2}
          value={filters.region ?? ''}
          onChange={(event) => setFilter({ region: event.currentTarget.value.toUpperCase() })}
        />
        <Select
          size="xs"
          w={150}
          label={t('partners.status')}
          clearable
          placeholder={t('partners.anyStatus')}
          data={(['active', 'paused'] as const).map((value) => ({ value, label: t(`partners.statuses.${value}`) }))}
          value={filters.status ?? null}
          onChange={(value) => setFilter({ status: value as PartnerStatus | null })}
        />
        <div style={{ flex: 1 }} />
        <FollowUpSetting />
      </Group>
      <ErrorAlert error={partners.error} />
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs" data-testid="partners-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partners.name')}</Table.Th>
              <Table.Th>{t('partners.specializations')}</Table.Th>
              <Table.Th>{t('partners.regions')}</Table.Th>
              <Table.Th>{t('partners.outcomes')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(partners.data?.items ?? []).flatMap((partner) => [
              <Table.Tr key={partner.id} data-testid="partner-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {partner.name}{' '}
                    {partner.status === 'paused' ? (
                      <Badge size="xs" color="gray">
                        {t('partners.statuses.paused')}
                      </Badge>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {partner.contact.email}
                    {partner.contact.phone ? ` · ${partner.contact.phone}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {partner.specializations.map((specialization) => (
                      <Badge key={specialization} size="xs" variant="light">
                        {specialization}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {partner.regions.length > 0 ? partner.regions.join(', ') : t('partners.everywhere')}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" data-testid="partner-outcomes">
                    {t('partners.outcomeLine', partner.outcomes)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setOpen(open === partner.id ? null : partner.id)}>
                      {t('partners.referrals')}
                    </Button>
                    <Button size="xs" variant="light" onClick={() => setEditing(partner)}>
                      {t('partners.edit')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>,
              open === partner.id ? (
                <Table.Tr key={`${partner.id}:referrals`}>
                  <Table.Td colSpan={5}>
                    <Referrals partner={partner} />
                  </Table.Td>
                </Table.Tr>
              ) : null,
            ])}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing ? <PartnerDialog partner={editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
