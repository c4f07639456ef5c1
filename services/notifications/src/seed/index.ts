import type { ClientBase } from 'pg';
import { inTenant, provenance } from '@kn/platform';

/**
 * The demo provinces' reminder days. No document gives them (they give the deadlines: 28/02 and
 * 31/03 in seed 001, 15/11 in seed 002), so each is a PROVINCE_SETTING the province confirms.
 */
export const DEMO_REMINDER_DAYS: Record<string, { days: number[]; note: string }> = {
  'lang-son': {
    days: [7, 1],
    note: 'Giá trị đề xuất, tỉnh xác nhận: nhắc 7 ngày và 1 ngày trước hạn báo cáo (KH 88/KH-UBND hạn 15/11 không nói nhắc trước) / proposed, to be confirmed by the province: remind 7 days and 1 day before a report is due; the documents set deadlines, not reminders.',
  },
  'quang-nam': {
    days: [14, 3],
    note: 'Giá trị đề xuất, tỉnh xác nhận: nhắc 14 ngày và 3 ngày trước hạn (QĐ 1100 hạn 28/02 đề xuất nhu cầu, 31/03 ký kế hoạch, không nói nhắc trước) / proposed, to be confirmed by the province: remind 14 and 3 days before; decision 1100 sets 28/02 and 31/03, not reminders.',
  },
};

export async function seedNotifications(client: ClientBase): Promise<void> {
  for (const [tenant, s] of Object.entries(DEMO_REMINDER_DAYS)) {
    await inTenant(client, tenant, async () => {
      await client.query(
        `insert into notifications.notification_setting (tenant_id, reminder_days_before, provenance) values ($1, $2::int[], $3::jsonb)
         on conflict (tenant_id) do nothing`,
        [tenant, `{${s.days.join(',')}}`, JSON.stringify(provenance.setting(s.note))],
      );
    });
  }
}
