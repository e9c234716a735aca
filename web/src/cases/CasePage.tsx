import { Anchor, Center, Grid, Loader, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { casesApi } from '../api/cases.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { type Plan, toLocalInput } from './CommitmentPanel.tsx';
import { Composer } from './Composer.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { EscalateDialog } from './EscalateDialog.tsx';
import { HandoverDialog } from './HandoverDialog.tsx';
import { RefusalButton } from './RefusalDialog.tsx';
import { Timeline } from './Timeline.tsx';

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [handoverOpened, handover] = useDisclosure(false);
  const [escalateOpened, escalation] = useDisclosure(false);
  // Bumped when a refusal saved a new draft: the composer remounts and loads it.
  const [draftRevision, setDraftRevision] = useState(0);
  const [planHint, setPlanHint] = useState<Partial<Plan> | undefined>(undefined);
  const detail = useQuery({ queryKey: ['case', id, 'detail'], queryFn: () => casesApi.get(id) });
  const messages = useQuery({ queryKey: ['case', id, 'messages'], queryFn: () => casesApi.messages(id) });
  const events = useQuery({ queryKey: ['case', id, 'events'], queryFn: () => casesApi.events(id) });

  if (detail.isPending) {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (!detail.data) return <ErrorAlert error={detail.error} />;
  const item = detail.data;

  return (
    <Stack gap="sm" maw={1200} mx="auto">
      <Anchor component={Link} to="/inbox" size="sm">
        ← {t('case.backToInbox')}
      </Anchor>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <CaseHeader item={item} onHandover={handover.open} onEscalate={escalation.open} />
            <ErrorAlert error={messages.error ?? events.error} />
            {messages.isPending || events.isPending ? (
              <Center p="md">
                <Loader size="sm" />
              </Center>
            ) : (
              <Timeline messages={messages.data?.items ?? []} events={events.data?.items ?? []} />
            )}
            <RefusalButton
              item={item}
              onDrafted={(refusal) => {
                // A referral or a polite no closes the request; a "not now" promises the wait date.
                setPlanHint(
                  refusal.reason === 'temporarily-unable'
                    ? { mode: 'set', due: refusal.waitUntil ? toLocalInput(refusal.waitUntil) : '' }
                    : { mode: 'resolve' },
                );
                setDraftRevision((revision) => revision + 1);
              }}
            />
            <Composer key={`${item.id}:${draftRevision}`} item={item} planHint={planHint} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <CustomerPanel item={item} />
        </Grid.Col>
      </Grid>
      <HandoverDialog item={item} opened={handoverOpened} onClose={handover.close} />
      <EscalateDialog item={item} opened={escalateOpened} onClose={escalation.close} />
    </Stack>
  );
}
