#!/usr/bin/env bash
# InvoiceBox's official clients against the local sandbox: the PHP SDK (InvoiceBox/invoicebox-sdk-php)
# and the MCP server (InvoiceBox/invoicebox-mcp-server) run their calls on a sandbox started here, as
# the real API would answer them (refund orders are created `created` and completed later). Prints
# PASS/FAIL per call; exits non-zero when any call fails. Not part of `npm test`.
#
#   scripts/official-clients/run.sh
#
# Needs: php-cli with curl and json (Debian: apt-get install -y php-cli php-curl php-json php-mbstring),
# node, npm (the MCP server's dependencies come from the npm registry), and the two repositories as git
# directories (default: the mirrors under /work/.mirror; or set the variables below).
#   INVOICEBOX_SDK_PHP_GIT   git directory of InvoiceBox/invoicebox-sdk-php
#   INVOICEBOX_MCP_GIT       git directory of InvoiceBox/invoicebox-mcp-server
#   OFFICIAL_CLIENTS_DIR     where they are unpacked and built (default /tmp/ibx-official-clients)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/scripts/official-clients"
sdk_git="${INVOICEBOX_SDK_PHP_GIT:-/work/.mirror/InvoiceBox+invoicebox-sdk-php/repo}"
mcp_git="${INVOICEBOX_MCP_GIT:-/work/.mirror/InvoiceBox+invoicebox-mcp-server/repo}"
work="${OFFICIAL_CLIENTS_DIR:-/tmp/ibx-official-clients}"

if ! command -v php >/dev/null || ! php -m | grep -qi '^curl$'; then
  echo "php with the curl extension is needed: apt-get install -y php-cli php-curl php-json php-mbstring" >&2
  exit 2
fi
for git_dir in "$sdk_git" "$mcp_git"; do
  if ! git --git-dir="$git_dir" rev-parse --verify -q HEAD >/dev/null; then
    echo "not a git directory: $git_dir (set INVOICEBOX_SDK_PHP_GIT / INVOICEBOX_MCP_GIT)" >&2
    exit 2
  fi
done

# the PHP SDK: its sources at HEAD (its client needs no composer packages)
sdk_commit="$(git --git-dir="$sdk_git" rev-parse --short HEAD)"
rm -rf "$work/php-sdk" && mkdir -p "$work/php-sdk"
git --git-dir="$sdk_git" archive HEAD src | tar -x -C "$work/php-sdk"

# the MCP server: unpacked, its npm dependencies installed and built once per commit
mcp_commit="$(git --git-dir="$mcp_git" rev-parse --short HEAD)"
mcp="$work/mcp-server-$mcp_commit"
if [ ! -f "$mcp/dist/index.js" ]; then
  rm -rf "$mcp" && mkdir -p "$mcp"
  git --git-dir="$mcp_git" archive HEAD | tar -x -C "$mcp"
  echo "installing the MCP server's dependencies (npm ci) and building it in $mcp ..."
  (cd "$mcp" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null && npx tsc -p tsconfig.json)
fi
cp "$here/mcp-scenario.mjs" "$mcp/official-clients-scenario.mjs"

# the sandbox, from this repository's sources, answering refunds as the real API does
log="$work/sandbox.log"
(cd "$repo" && exec node -r @swc-node/register src/sandbox/cli.ts --port 0 --quiet \
  --refund-completion manual --notify-statuses completed >"$log" 2>&1) &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'listening on http://[^ ]*' "$log" | sed 's/listening on //' || true)"
  [ -n "$url" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "the sandbox did not start" >&2; cat "$log" >&2; exit 1; }
echo "sandbox: $url (refund orders created 'created', completed by the control API)"
echo "PHP SDK InvoiceBox/invoicebox-sdk-php @ $sdk_commit, $(php -r 'echo "PHP ", PHP_VERSION;')"
echo "MCP server InvoiceBox/invoicebox-mcp-server @ $mcp_commit, node $(node --version)"
echo

status=0
php "$here/php-sdk-scenario.php" "$url" "$work/php-sdk/src" || status=1
echo
curl -fsS -X POST "$url/_sandbox/reset" >/dev/null
(cd "$mcp" && node official-clients-scenario.mjs "$url" "$mcp/dist/index.js") || status=1
echo
requests="$(curl -fsS "$url/_sandbox/requests")"
echo "sandbox answers (MCP part): $requests"
if [ "$status" -eq 0 ]; then echo "official clients: all calls passed"; else echo "official clients: FAILED"; fi
exit "$status"
