#!/usr/bin/env node
// The InvoiceBox partner CLI: invite and activate shops (src/partner/cli.ts).
require("./run-cli")("partner/cli")
