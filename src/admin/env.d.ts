/**
 * Defined by Medusa's admin bundler (admin.backendUrl): the backend's address when the admin is served
 * apart from it; empty (or not replaced at all) when the backend serves the admin itself.
 */
declare const __BACKEND_URL__: string | undefined
