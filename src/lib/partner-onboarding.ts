/**
 * Partner onboarding from the admin (partner/integration/*.md): the store's owner asks for an
 * InvoiceBox shop with their e-mail (plus phone, ИНН and company for the record) → the partner
 * `invite`; InvoiceBox registers the shop and sends it an activation code → the owner enters it → the
 * partner `activation` answers the shop's merchant id and token, stored at once as the provider's
 * connection. Activation gives no notification key: until the owner sets one, notifications come over
 * the WebSocket gate. The partner account is the plugin's option (`partner`).
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

import { errorMessageOf, InvoiceboxApiError } from "../invoicebox/errors"
import type { InvoiceboxModuleService } from "../modules/invoicebox"
import { invoiceboxClient, type InvoiceboxProviderEntry } from "../providers/invoicebox/registry"
import { requireInvoiceboxModule, requireProvider, storeConnection } from "./invoicebox-connections"

export interface InviteInput {
  email: string
  phone?: string
  inn?: string
  company_name?: string
}

/** Sends the partner invitation and records it; the answer is the invitation's id. */
export async function sendPartnerInvite(
  container: MedusaContainer,
  providerId: string,
  input: InviteInput
): Promise<{ id: string; invoicebox_invite_id: string }> {
  const entry = requireProvider(container, providerId)
  const module = requireInvoiceboxModule(container)
  const partner = requirePartner(module)
  const client = partnerClient(entry, partner.token, container)
  const invite = await callPartnerApi("the invitation", () =>
    client.sendPartnerInvite({ partnerId: partner.partnerId, type: "email", identifier: input.email })
  )
  const row = await module.createInvoiceboxPartnerInvites({
    provider_id: providerId,
    invoicebox_invite_id: String(invite.id),
    email: input.email,
    phone: input.phone ?? null,
    inn: input.inn ?? null,
    company_name: input.company_name ?? null,
    status: "sent",
  })
  return { id: row.id, invoicebox_invite_id: row.invoicebox_invite_id }
}

/** Activates the shop with its code and stores its account as the provider's connection. */
export async function activateWithCode(
  container: MedusaContainer,
  providerId: string,
  activationCode: string
): Promise<{ merchant_id: string }> {
  const entry = requireProvider(container, providerId)
  const module = requireInvoiceboxModule(container)
  const partner = requirePartner(module)
  const storageProblem = module.storageProblem()
  if (storageProblem) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `InvoiceBox: ${storageProblem}`)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const activated = await callPartnerApi("the activation code", () =>
    partnerClient(entry, partner.token, container).activateMerchant({ partnerId: partner.partnerId, activationCode })
  )
  try {
    await storeConnection(container, {
      provider_id: providerId,
      merchant_id: activated.merchantId,
      token: activated.token,
      notification_key: null,
      api_prefix: null,
      source: "partner",
      checked_at: new Date(),
    })
  } catch (error) {
    // the code is spent: say which shop it was, so support can re-issue its token (never the token itself)
    logger.error(
      `InvoiceBox: shop ${activated.merchantId} was activated but its connection could not be stored: ${errorMessageOf(error)}`
    )
    throw error
  }
  const [invite] = await module.listInvoiceboxPartnerInvites(
    { provider_id: providerId, status: "sent" },
    { order: { created_at: "DESC" }, take: 1 }
  )
  if (invite) {
    await module.updateInvoiceboxPartnerInvites({
      id: invite.id,
      status: "activated",
      merchant_id: activated.merchantId,
      activated_at: new Date(),
    })
  }
  logger.info(`InvoiceBox: ${providerId} is connected to shop ${activated.merchantId} (partner activation)`)
  return { merchant_id: activated.merchantId }
}

function requirePartner(module: InvoiceboxModuleService): NonNullable<InvoiceboxModuleService["partner"]> {
  if (module.partner) return module.partner
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    "Partner onboarding is not set up: give the plugin option partner { partnerId, token } " +
      "(or INVOICEBOX_PARTNER_ID / INVOICEBOX_PARTNER_TOKEN)"
  )
}

/** The partner's client on the provider's InvoiceBox address. */
function partnerClient(entry: InvoiceboxProviderEntry, token: string, container: MedusaContainer) {
  return invoiceboxClient(
    { ...entry.configured, token, apiPrefix: "v3" },
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  )
}

/** InvoiceBox's refusal (a wrong or spent code, a bad e-mail) as a 400 naming what was refused. */
async function callPartnerApi<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof InvoiceboxApiError && error.httpStatus !== undefined && error.httpStatus < 500) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `InvoiceBox refused ${what}: ${error.message}`)
    }
    throw error
  }
}
