/** A scripted HTTP server on a free loopback port, for tests that need exact API replies. */
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"

/** Starts listening; resolves with the server's base URL. */
export async function listenLocally(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Closes the server and drops kept-alive connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}
