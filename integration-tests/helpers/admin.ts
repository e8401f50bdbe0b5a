/** An admin user and its bearer token, as the dashboard would hold after login. */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import jwt from "jsonwebtoken"

import type { SeededStore } from "./seed"
import { SHIPPING_ADDRESS } from "./storefront"

export async function adminHeaders(container: MedusaContainer): Promise<Record<string, string>> {
  const users = container.resolve(Modules.USER)
  const [user] = await users.createUsers([{ email: `admin-${Date.now()}@example.com`, first_name: "Админ" }])
  const secret = process.env.JWT_SECRET || "invoicebox-dev-jwt-secret"
  const token = jwt.sign(
    { actor_id: user!.id, actor_type: "user", auth_identity_id: "", app_metadata: { user_id: user!.id } },
    secret,
    { expiresIn: "1h" }
  )
  return { Authorization: `Bearer ${token}` }
}

/** A draft order for the seeded buyer address, converted to an order through the admin API: the order. */
export async function convertedDraftOrder(
  api: AxiosInstance,
  store: SeededStore,
  admin: { headers: Record<string, string> },
  items: Array<{ variant_id: string; quantity: number }>
): Promise<{ id: string; display_id: number }> {
  const {
    data: { draft_order: draft },
  } = await api.post(
    "/admin/draft-orders",
    {
      email: "company@example.com",
      region_id: store.regionId,
      sales_channel_id: store.salesChannelId,
      shipping_address: SHIPPING_ADDRESS,
      billing_address: SHIPPING_ADDRESS,
      items,
    },
    admin
  )
  const {
    data: { order },
  } = await api.post(`/admin/draft-orders/${draft.id}/convert-to-order`, {}, admin)
  return order
}
