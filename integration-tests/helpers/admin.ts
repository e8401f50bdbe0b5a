/** An admin user and its bearer token, as the dashboard would hold after login. */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import jwt from "jsonwebtoken"

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
