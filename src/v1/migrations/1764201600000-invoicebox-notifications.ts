/**
 * The v1 plugin's tables: the notification log, and an index that finds a payment session or payment
 * by its InvoiceBox order (the notification route's lookup) without reading every row.
 */
import type { MigrationInterface, QueryRunner } from "typeorm"

export class InvoiceboxNotifications1764201600000 implements MigrationInterface {
  name = "InvoiceboxNotifications1764201600000"

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "invoicebox_notification" (
        "id" character varying NOT NULL,
        "invoicebox_order_id" character varying NOT NULL,
        "merchant_order_id" character varying NOT NULL,
        "status" character varying NOT NULL,
        "amount" numeric NOT NULL,
        "currency_code" character varying NOT NULL,
        "reply" character varying NOT NULL,
        "payment_session_id" character varying,
        "cart_id" character varying,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invoicebox_notification" PRIMARY KEY ("id")
      )`)
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_invoicebox_notification_order" ON "invoicebox_notification" ("invoicebox_order_id", "received_at")`
    )
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_payment_session_invoicebox_order" ON "payment_session" ((data->>'invoicebox_order_id')) WHERE provider_id = 'invoicebox'`
    )
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "IDX_payment_invoicebox_order" ON "payment" ((data->>'invoicebox_order_id')) WHERE provider_id = 'invoicebox'`
    )
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "IDX_payment_invoicebox_order"`)
    await queryRunner.query(`DROP INDEX IF EXISTS "IDX_payment_session_invoicebox_order"`)
    await queryRunner.query(`DROP TABLE IF EXISTS "invoicebox_notification"`)
  }
}
