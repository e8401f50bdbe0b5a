/**
 * The v1 store's log of InvoiceBox notifications (table `invoicebox_notification`, made by the plugin's
 * migration): what came, for which session and cart, and what InvoiceBox was answered. Medusa v1 loads
 * a plugin's `models/` into its TypeORM data source.
 */
import { randomUUID } from "node:crypto"

import { BeforeInsert, Column, Entity, Index, PrimaryColumn } from "typeorm"

@Entity("invoicebox_notification")
@Index("IDX_invoicebox_notification_order", ["invoicebox_order_id", "received_at"])
export class InvoiceboxNotification {
  @PrimaryColumn({ type: "varchar" })
  id!: string

  @Column({ type: "varchar" })
  invoicebox_order_id!: string

  @Column({ type: "varchar" })
  merchant_order_id!: string

  /** the InvoiceBox order's status the notification reported */
  @Column({ type: "varchar" })
  status!: string

  /** as InvoiceBox sent it, e.g. "1234.5" */
  @Column({ type: "numeric" })
  amount!: string

  @Column({ type: "varchar" })
  currency_code!: string

  /** `success` or the error code InvoiceBox was answered */
  @Column({ type: "varchar" })
  reply!: string

  @Column({ type: "varchar", nullable: true })
  payment_session_id!: string | null

  @Column({ type: "varchar", nullable: true })
  cart_id!: string | null

  @Column({ type: "timestamp with time zone" })
  received_at!: Date

  @BeforeInsert()
  private beforeInsert(): void {
    this.id ??= `ibn_${randomUUID().replace(/-/g, "")}`
  }
}
