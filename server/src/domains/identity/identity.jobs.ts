// Housekeeping for identity: expired sessions and spent or expired one-time links are
// deleted by an hourly sweep (pg-boss keys each cron tick, so two processes never both run it).
import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { identityRepository } from './identity.repository.ts';

export const identityJobs = (ctx: AppContext): JobDefinition<never>[] => [
  {
    queue: 'identity.sweep',
    cron: '17 * * * *',
    async handle() {
      const removed = await identityRepository.deleteExpired(ctx.database);
      if (removed.sessions + removed.links > 0) ctx.log.info(removed, 'expired sessions and links removed');
    },
  },
];
