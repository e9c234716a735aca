import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

/** Shows an API problem: a translated title by `code`, then the server's `detail` and field errors. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!isApiError(error)) {
    return (
      <Alert color="red" title={t('errors.unknown')} role="alert">
        {error instanceof Error ? error.message : null}
      </Alert>
    );
  }
  const { problem } = error;
  const title = t(`errors.${problem.code}`, { defaultValue: problem.title });
  const hasFieldErrors = (problem.errors?.length ?? 0) > 0;
  // With field errors the detail usually repeats them, so the list alone is clearer.
  const detail = problem.detail && problem.detail !== problem.title && !hasFieldErrors ? problem.detail : null;
  return (
    <Alert color="red" title={title} role="alert">
      {detail}
      {hasFieldErrors ? (
        <List size="sm" mt={detail ? 'xs' : 0}>
          {problem.errors?.map((item) => (
            <List.Item key={`${item.field}:${item.message}`}>
              {item.field ? `${fieldPath(item.field)}: ` : ''}
              {item.message}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

/** `/customer/email` or `body/customer/email` → `customer.email`. */
function fieldPath(field: string): string {
  return field.replace(/^\/?(?:(?:body|querystring|params)\/)?/, '').replace(/\//g, '.');
}

/** The message of a field-level error for `field` (dotted, e.g. `customer.email`), if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.problem.errors?.find((item) => fieldPath(item.field) === field)?.message;
}
