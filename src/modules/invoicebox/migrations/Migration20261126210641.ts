import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126210641 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "invoicebox_refund" ("id" text not null, "provider_id" text not null, "payment_id" text not null, "invoicebox_refund_id" text not null, "merchant_order_id" text null, "amount" numeric not null, "currency_code" text null, "status" text not null, "checked_at" timestamptz not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "invoicebox_refund_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_refund_deleted_at" ON "invoicebox_refund" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_invoicebox_refund_invoicebox_refund_id_unique" ON "invoicebox_refund" ("invoicebox_refund_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_refund_payment_id" ON "invoicebox_refund" ("payment_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_refund_status" ON "invoicebox_refund" ("status") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invoicebox_refund" cascade;`)
  }
}
