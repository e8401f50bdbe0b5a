import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126234826 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "invoicebox_connection" drop constraint if exists "invoicebox_connection_provider_id_unique";`
    )
    this.addSql(
      `create table if not exists "invoicebox_connection" ("id" text not null, "provider_id" text not null, "merchant_id" text not null, "api_prefix" text null, "token_sealed" text not null, "notification_key_sealed" text null, "source" text check ("source" in ('credentials', 'partner')) not null, "connected_at" timestamptz not null, "checked_at" timestamptz null, "check_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "invoicebox_connection_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_connection_deleted_at" ON "invoicebox_connection" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_invoicebox_connection_provider_id_unique" ON "invoicebox_connection" ("provider_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "invoicebox_partner_invite" ("id" text not null, "provider_id" text not null, "invoicebox_invite_id" text not null, "email" text not null, "phone" text null, "inn" text null, "company_name" text null, "status" text check ("status" in ('sent', 'activated')) not null, "merchant_id" text null, "activated_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "invoicebox_partner_invite_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_partner_invite_deleted_at" ON "invoicebox_partner_invite" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_partner_invite_provider_id" ON "invoicebox_partner_invite" ("provider_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "invoicebox_notification" drop constraint if exists "invoicebox_notification_source_check";`
    )

    this.addSql(
      `alter table if exists "invoicebox_notification" add constraint "invoicebox_notification_source_check" check("source" in ('http', 'websocket', 'sync', 'reconciliation'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invoicebox_connection" cascade;`)

    this.addSql(`drop table if exists "invoicebox_partner_invite" cascade;`)

    this.addSql(
      `alter table if exists "invoicebox_notification" drop constraint if exists "invoicebox_notification_source_check";`
    )

    this.addSql(
      `alter table if exists "invoicebox_notification" add constraint "invoicebox_notification_source_check" check("source" in ('http', 'sync', 'reconciliation'));`
    )
  }
}
