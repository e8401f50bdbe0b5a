export default async function globalTeardown(): Promise<void> {
  await globalThis.__INVOICEBOX_PG__?.stop()
}
