// Where the e2e emulator and test page listen: off the dev emulator's 12111, overridable.
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12180);
export const TEST_PAGE_PORT = Number(process.env.E2E_TEST_PAGE_PORT ?? 12181);
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
export const TEST_PAGE_URL = `http://127.0.0.1:${TEST_PAGE_PORT}`;
