/**
 * The few types of the Medusa v1 admin (`@medusajs/admin` 7.x, `@medusajs/admin-ui` 2.1.x) that the widget
 * needs, declared here so that the package does not depend on the v1 admin: `WidgetConfig`, `WidgetProps` and
 * `OrderDetailsWidgetProps` as `@medusajs/admin`'s types/widgets.d.ts and admin-ui's types/extensions.ts
 * define them (the order narrowed to what the widget reads).
 */

/** The order zones of the v1 admin's injection zones (admin-ui's constants/injection-zones.ts). */
export type OrderInjectionZone = "order.details.before" | "order.details.after"

export type WidgetConfig = {
  zone: OrderInjectionZone | OrderInjectionZone[]
}

export type Notify = {
  success: (title: string, message: string) => void
  error: (title: string, message: string) => void
  warn: (title: string, message: string) => void
  info: (title: string, message: string) => void
}

export type WidgetProps = {
  notify: Notify
}

/** The v1 admin passes the whole `Order`; the widget reads its id only. */
export type OrderDetailsWidgetProps = WidgetProps & {
  order: { id: string }
}
