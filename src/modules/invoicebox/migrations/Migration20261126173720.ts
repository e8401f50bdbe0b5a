import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126173720 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "invoicebox_notification" ("id" text not null, "received_at" timestamptz not null, "source" text check ("source" in ('http', 'sync', 'reconciliation')) not null, "provider_id" text not null, "invoicebox_order_id" text not null, "merchant_order_id" text null, "payment_session_id" text null, "order_status" text not null, "amount" numeric null, "currency_code" text null, "reply_status" text check ("reply_status" in ('success', 'error')) not null, "reply_code" text null, "processing_ms" integer not null, "raw_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "invoicebox_notification_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_notification_deleted_at" ON "invoicebox_notification" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_notification_invoicebox_order_id" ON "invoicebox_notification" ("invoicebox_order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_notification_payment_session_id" ON "invoicebox_notification" ("payment_session_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_notification_received_at" ON "invoicebox_notification" ("received_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invoicebox_notification" cascade;`)
  }
}
