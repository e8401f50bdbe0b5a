#!/usr/bin/env node
// The local InvoiceBox API v3 sandbox (src/sandbox/cli.ts).
require("./run-cli")("sandbox/cli")
