// SLA policies, team business calendars, and the SLA state shown on cases.
import { api } from './client.ts';

export type SlaState = 'ok' | 'warning' | 'breached' | 'met';

export interface CaseSla {
  firstResponse: { dueAt: string; state: SlaState };
  resolution: { dueAt: string; state: SlaState };
  /** The clock stands still while the case waits on the customer. */
  paused: boolean;
}

export const CUSTOMER_TIERS = ['standard', 'priority', 'vip'] as const;

export interface SlaPolicy {
  /** Null matches any value; the most specific matching policy applies. */
  priority: string | null;
  category: string | null;
  tier: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export interface SlaSettings {
  policies: SlaPolicy[];
  /** Minutes before a commitment's due time its owner is warned. */
  dueSoonMinutes: number;
  /** Minutes after a miss the owner has to give the reason before the customer is told a generic one. */
  reasonGraceMinutes: number;
}

export interface OpeningInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Weekday 0 (Sunday) to 6 (Saturday) → opening intervals; several for split shifts. */
  weekly: Record<string, OpeningInterval[]>;
  holidays: string[];
}

export interface TeamCalendar {
  teamId: string;
  teamName: string;
  /** False: the team uses the default calendar. */
  custom: boolean;
  calendar: BusinessCalendar;
}

export const slaApi = {
  settings: () => api<SlaSettings>('/settings/sla-policies'),
  saveSettings: (settings: SlaSettings) =>
    api<SlaSettings>('/settings/sla-policies', {
      method: 'PUT',
      body: {
        policies: settings.policies.map(({ priority, category, tier, firstResponseMinutes, resolutionMinutes }) => ({
          priority,
          category,
          tier,
          firstResponseMinutes,
          resolutionMinutes,
        })),
        dueSoonMinutes: settings.dueSoonMinutes,
        reasonGraceMinutes: settings.reasonGraceMinutes,
      },
    }),
  calendars: async () => (await api<{ items: TeamCalendar[] }>('/settings/calendars')).items,
  saveCalendar: (teamId: string, calendar: BusinessCalendar) =>
    api<TeamCalendar>(`/settings/calendars/${teamId}`, { method: 'PUT', body: calendar }),
  resetCalendar: (teamId: string) => api<TeamCalendar>(`/settings/calendars/${teamId}`, { method: 'DELETE' }),
};
