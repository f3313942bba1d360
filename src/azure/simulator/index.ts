/**
 * The HTTPS ARM simulator, in-process: `const sim = await startArmSimulator({ port: 0 })`, point the ARM client at
 * `sim.url`, trust `sim.caCertificate`, and `await sim.close()` at the end. `npm run simulator` runs it alone (main.ts).
 */
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createSimulatorCertificate } from './certificate';
import { createRequestHandler } from './armServer';
import { FaultInjector } from './faults';
import { RequestLog } from './requestLog';
import { RequestHolds, type HoldMatch, type RequestHold } from './requestHolds';
import { ARM_ROUTES } from './routes';
import { validateSeed } from './seed';
import { SimulatorState } from './state';
import { specValidator } from './spec/specValidator';
import { DEMO_SEED } from './demoSeed';
import { ResourceGraphEngine } from './graph/engine';
import { resourceGraphRoutes, withGraphHistory } from './handlers/resourceGraph';
import type { FaultRule, Faults, RecordedRequest, SimulatorSeed, SpecViolation } from './types';

export type { FaultRule, Faults, RecordedRequest, SimulatorSeed, SpecViolation } from './types';
export type { HoldMatch, HeldRequest, RequestHold, UntilHeldOptions } from './requestHolds';
export type { SeedSubscription, SeedPricing, SeedExtension, SeedApiManagementService, SeedApi, SeedApiPosture, SeedAlert } from './types';
export { SimulatorState } from './state';
export type { SubscriptionRecord, PricingRecord, ExtensionRecord, ApiManagementServiceRecord } from './state';
export type { AlertRecord } from './alertStore';
export { loadSeedFile, validateSeed, SeedError } from './seed';
export { DEMO_SEED, DEMO_SUBSCRIPTIONS, generateFleetSeed } from './demoSeed';
export type { FleetSeedOptions } from './demoSeed';

export interface ArmSimulator {
  /** https://127.0.0.1:<port> (no trailing slash). */
  url: string;
  port: number;
  /** PEM the client must trust (the certificate is self-signed: it is its own CA). */
  caCertificate: string;
  /** ARM requests received, oldest first (control routes excluded). */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** PUT/PATCH/DELETE/POST only (not Resource Graph queries, which only read), for "zero writes" assertions. */
  writes(): RecordedRequest[];
  /** Responses the official spec rejected (each was answered 500); empty unless the simulator has a bug. */
  violations(): SpecViolation[];
  faults(): Faults;
  setFaults(faults: Partial<Faults>): void;
  failNext(rule: FaultRule): void;
  /** Keeps matching requests in flight until released, counting them: see requestHolds.ts. */
  hold(match: HoldMatch): RequestHold;
  /** The live in-memory world; mutate it in tests. */
  state: SimulatorState;
  close(): Promise<void>;
}

export interface StartArmSimulatorOptions {
  /** 0 = a free port chosen by the OS (default). */
  port?: number;
  /** Default: DEMO_SEED. Validated; a bad seed throws SeedError naming the field. */
  seed?: SimulatorSeed;
  /** Default 127.0.0.1 (the certificate is valid for 127.0.0.1 and localhost). */
  host?: string;
  /** Time source for enablementTime; default the system clock. */
  clock?: () => Date;
}

export async function startArmSimulator(options: StartArmSimulatorOptions = {}): Promise<ArmSimulator> {
  const seed = validateSeed(structuredClone(options.seed ?? DEMO_SEED));
  const host = options.host ?? '127.0.0.1';
  const state = new SimulatorState(seed, options.clock);
  const faults = new FaultInjector(seed.faults);
  const log = new RequestLog();
  const holds = new RequestHolds();
  const certificate = await createSimulatorCertificate();
  let url = '';

  const graph = new ResourceGraphEngine(state, faults);
  const routes = [...withGraphHistory(ARM_ROUTES, graph), ...resourceGraphRoutes(graph)];
  const handler = createRequestHandler({ state, validator: specValidator(), faults, log, routes, baseUrl: () => url, holds });
  const server = https.createServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem, keepAlive: true }, handler);
  // Longer than typical client idle timeouts, so benchmarks measure connection reuse rather than reconnects.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Track raw sockets (from before the TLS handshake): closeAllConnections() misses half-open handshakes,
  // which would keep close() waiting for a client that has given up.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    caCertificate: certificate.certificatePem,
    requests: () => log.requests(),
    clearRequests: () => log.clear(),
    writes: () => log.writes(),
    violations: () => log.violations(),
    faults: () => faults.current(),
    setFaults: (update) => faults.set(update),
    failNext: (rule) => faults.failNext(rule),
    hold: (match) => holds.add(match),
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        holds.stopAll();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
