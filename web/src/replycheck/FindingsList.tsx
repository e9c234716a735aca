import type { Finding } from '@heard/replycheck';
import { Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bySeverity, isMarked, isRewrite, SEVERITY_COLORS } from './findings.ts';

export function SeverityBadge({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      variant={finding.severity === 'block' ? 'filled' : 'light'}
      color={SEVERITY_COLORS[finding.severity]}
      title={t(`replycheck.severity.${finding.severity}`)}
    >
      {t(`replycheck.category.${finding.category}`, { defaultValue: finding.category })}
    </Badge>
  );
}

/** "2 problems, 1 blocks sending" — or nothing when the text is clean. */
export function FindingsSummary({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  const blocking = findings.filter((finding) => finding.severity === 'block').length;
  const problems = t('replycheck.problems', { count: findings.length });
  return (
    <Text size="xs" fw={600} c={blocking > 0 ? 'red.7' : 'orange.8'} data-testid="findings-summary" aria-live="polite">
      {blocking > 0 ? `${problems}, ${t('replycheck.blocking', { count: blocking })}` : problems}
    </Text>
  );
}

/** One finding: what was found, why it hurts, and the approved wording (applied in one click where it is a rewrite). */
export function FindingItem({
  finding,
  onApply,
  actions,
}: {
  finding: Finding;
  onApply?: (finding: Finding) => void;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const rewrite = isRewrite(finding);
  return (
    <Box
      data-testid="finding"
      data-category={finding.category}
      data-severity={finding.severity}
      pl="xs"
      style={{ borderLeft: `3px solid var(--mantine-color-${SEVERITY_COLORS[finding.severity]}-6)` }}
    >
      <Group gap={6} wrap="wrap" align="baseline">
        <SeverityBadge finding={finding} />
        {isMarked(finding) ? (
          <Text size="xs" fw={600} component="q">
            {finding.text}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {finding.message}
        </Text>
      </Group>
      {finding.suggestion ? (
        <Group gap={6} wrap="nowrap" align="center" mt={2}>
          <Text size="xs" data-testid="finding-suggestion" style={{ flex: 1 }}>
            {rewrite ? `${t('replycheck.instead')} ` : ''}
            <Text span size="xs" fs={rewrite ? 'italic' : undefined} c={rewrite ? 'teal.8' : undefined}>
              {finding.suggestion}
            </Text>
          </Text>
          {rewrite && onApply ? (
            <Button
              size="compact-xs"
              variant="light"
              color="teal"
              onClick={() => onApply(finding)}
              title={t('replycheck.applyLabel', { suggestion: finding.suggestion })}
            >
              {t('replycheck.apply')}
            </Button>
          ) : null}
          {actions}
        </Group>
      ) : (
        actions
      )}
    </Box>
  );
}

export function FindingsList({ findings, onApply }: { findings: Finding[]; onApply?: (finding: Finding) => void }) {
  if (findings.length === 0) return null;
  return (
    <Stack gap={6} data-testid="findings">
      {bySeverity(findings).map((finding) => (
        <FindingItem key={`${finding.rule}:${finding.start}:${finding.end}`} finding={finding} onApply={onApply} />
      ))}
    </Stack>
  );
}
