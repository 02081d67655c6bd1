// Playwright's web server: a fresh emulator (in-memory state) and the test shop beside it.
import { startEmulator } from '../src/index.js';
import { startTestPage } from '../test-page/server.js';
import { EMULATOR_PORT, EMULATOR_URL, TEST_PAGE_PORT } from './ports.js';

await startEmulator({ port: EMULATOR_PORT, host: '127.0.0.1' });
await startTestPage({ port: TEST_PAGE_PORT, emulatorUrl: EMULATOR_URL });
console.log(`e2e: emulator on ${EMULATOR_URL}, test page on port ${TEST_PAGE_PORT}`);
