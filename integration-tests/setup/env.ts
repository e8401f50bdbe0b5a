// Runs in each integration test file before the framework: Medusa's test runner reads these.
process.env.TEST_TYPE = process.env.TEST_TYPE ?? "integration:http"
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "error"
process.env.MEDUSA_ADMIN_DISABLED = "true"
