import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../api/types.ts';

const COLORS: Record<Delivery['state'], string> = { queued: 'gray', sent: 'green', failed: 'red', bounced: 'orange' };

/** Where the email of a message is: sending (with the last error while it retries), sent, not delivered, bounced. */
export function DeliveryBadge({ delivery }: { delivery: Delivery | null | undefined }) {
  const { t } = useTranslation();
  if (!delivery) return null;
  const reason =
    delivery.error && delivery.state === 'queued' ? t('delivery.retrying', { error: delivery.error }) : delivery.error;
  const badge = (
    <Badge
      color={COLORS[delivery.state]}
      variant="light"
      size="sm"
      aria-label={`${t('delivery.label')}: ${t(`delivery.${delivery.state}`)}`}
      data-testid="delivery-badge"
      data-state={delivery.state}
    >
      {t(`delivery.${delivery.state}`)}
    </Badge>
  );
  return reason ? (
    <Tooltip label={reason} multiline maw={360} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
