import Medusa from "@medusajs/js-sdk"

// `typeof` guards a build where the bundler did not replace __BACKEND_URL__ at all; "/" is the admin's own origin
const backendUrl = typeof __BACKEND_URL__ === "string" ? __BACKEND_URL__ : ""

export const sdk = new Medusa({
  baseUrl: backendUrl || "/",
  auth: { type: "session" },
})
