// memory: resident memory of Heard on its embedded database with the demo data loaded,
// idle after start (the case-create scenario reports the peak under load).

import { startServer, tempDataDir } from '../lib/server.ts';
import type { BenchScenario } from '../run.ts';

const IDLE_SECONDS = 10;

const scenario: BenchScenario = {
  description: `RSS of an embedded-database server with demo data, ${IDLE_SECONDS}s after start`,
  async run() {
    const dataDir = tempDataDir();
    const firstStart = Date.now();
    const server = await startServer({ DATABASE_URL: '', HEARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, []);
    const startWithDemoSeconds = (Date.now() - firstStart) / 1000;
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idle = server.memory();
    await server.stop();
    const restart = Date.now();
    const again = await startServer({ DATABASE_URL: '', HEARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, []);
    const restartSeconds = (Date.now() - restart) / 1000;
    await again.stop();
    return {
      pgliteIdleWithDemo: { rssMb: idle.rssMb, peakRssMb: idle.peakRssMb },
      firstStartWithDemoSeconds: Math.round(startWithDemoSeconds * 10) / 10,
      restartSeconds: Math.round(restartSeconds * 10) / 10,
      targets: { pgliteIdleRssMb: 300 },
    };
  },
};
export default scenario;
