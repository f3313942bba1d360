/**
 * A throwaway TLS identity for the simulator, made at start: a self-signed certificate that is its own CA,
 * valid for 127.0.0.1 and localhost. Clients trust exactly this PEM (e.g. `request.tlsSettings = { ca }`),
 * so nothing ever needs to turn TLS verification off.
 */
import { generate } from 'selfsigned';

export interface SimulatorCertificate {
  /** PEM of the certificate; also the CA a client must trust. */
  certificatePem: string;
  privateKeyPem: string;
}

export async function createSimulatorCertificate(): Promise<SimulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000); // tolerate small clock skew between processes
  const notAfterDate = new Date(notBeforeDate.getTime() + 30 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'ARM simulator (localhost)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { certificatePem: pems.cert, privateKeyPem: pems.private };
}
