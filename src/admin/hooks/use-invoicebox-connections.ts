import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query"

import { invoiceboxConnectionsKey } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type {
  ActivateRequest,
  CheckConnectionResponse,
  ConnectionResponse,
  ConnectionsResponse,
  ConnectionView,
  ConnectRequest,
  DisconnectResponse,
  InviteRequest,
  InviteResponse,
  NotificationKeyRequest,
} from "../lib/types"

const base = (providerId: string) => `/admin/invoicebox/connections/${encodeURIComponent(providerId)}`

/** Every InvoiceBox provider's connection (Settings → InvoiceBox). */
export function useInvoiceboxConnections() {
  return useQuery({
    queryKey: invoiceboxConnectionsKey,
    queryFn: () => sdk.client.fetch<ConnectionsResponse>("/admin/invoicebox/connections"),
  })
}

/**
 * After a change: the answer's connection shows at once (over any read still under way), then the list
 * is read again (the change may show elsewhere too, e.g. the last notification).
 */
async function showConnection(queryClient: QueryClient, connection: ConnectionView): Promise<void> {
  await queryClient.cancelQueries({ queryKey: invoiceboxConnectionsKey })
  queryClient.setQueryData<ConnectionsResponse>(invoiceboxConnectionsKey, (previous) =>
    previous
      ? {
          connections: previous.connections.map((current) =>
            current.provider_id === connection.provider_id ? connection : current
          ),
        }
      : previous
  )
  await queryClient.invalidateQueries({ queryKey: invoiceboxConnectionsKey })
}

/** A change of one provider's connection: POST (or DELETE) to `path` under the provider's route. */
function useConnectionMutation<Request, Response extends { connection: ConnectionView }>(
  providerId: string,
  path: string,
  method: "POST" | "DELETE" = "POST"
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: Request) =>
      sdk.client.fetch<Response>(`${base(providerId)}${path}`, {
        method,
        ...(request === undefined ? {} : { body: request }),
      }),
    onSuccess: ({ connection }) => showConnection(queryClient, connection),
  })
}

/** Connect with pasted credentials: InvoiceBox checks the token first; a refused one saves nothing (HTTP 400). */
export const useConnectCredentials = (providerId: string) =>
  useConnectionMutation<ConnectRequest, ConnectionResponse>(providerId, "")

/** Disconnect: the stored account is removed (medusa-config's account, if any, is in effect again). */
export const useDisconnect = (providerId: string) =>
  useConnectionMutation<void, DisconnectResponse>(providerId, "", "DELETE")

/** Check connection: asks InvoiceBox whether the token in effect works. */
export const useCheckConnection = (providerId: string) =>
  useConnectionMutation<void, CheckConnectionResponse>(providerId, "/check")

/** Sets or rotates the notification key of the stored account. */
export const useSetNotificationKey = (providerId: string) =>
  useConnectionMutation<NotificationKeyRequest, ConnectionResponse>(providerId, "/notification-key")

/** Partner onboarding, step 1: InvoiceBox invites the store's owner by e-mail. */
export const useSendPartnerInvite = (providerId: string) =>
  useConnectionMutation<InviteRequest, InviteResponse>(providerId, "/invite")

/** Partner onboarding, step 2: the activation code makes the new shop the provider's account. */
export const useActivatePartnerShop = (providerId: string) =>
  useConnectionMutation<ActivateRequest, ConnectionResponse>(providerId, "/activate")
