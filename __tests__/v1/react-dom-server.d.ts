/** The one function of react-dom/server (React 18, a devDependency without @types/react-dom) that the spec uses. */
declare module "react-dom/server" {
  import type { ReactElement } from "react"

  export function renderToStaticMarkup(element: ReactElement): string
}
