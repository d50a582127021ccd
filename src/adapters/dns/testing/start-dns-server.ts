import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

// A tiny authoritative DNS server on loopback for tests: it answers TXT queries from a map, NXDOMAIN
// for names it does not know, NODATA for other types, and SERVFAIL where told. UDP answers that do
// not fit in 512 bytes set TC, and the same answers are served over TCP, as a real server does.

export type DnsZone = Record<string, string[][] | 'servfail'>;

export interface TestDnsServer {
  /** `127.0.0.1:PORT`, for createNodeDnsResolver({ servers }). */
  address: string;
  /** Every question asked, with the transport it came over. */
  queries: { name: string; transport: 'udp' | 'tcp' }[];
  close(): Promise<void>;
}

const typeTxt = 16;
const rcode = { noError: 0, serverFailure: 2, nameError: 3 } as const;

export async function startDnsServer(zone: DnsZone): Promise<TestDnsServer> {
  const records = new Map(Object.entries(zone).map(([name, value]) => [name.toLowerCase(), value]));
  const queries: TestDnsServer['queries'] = [];
  const answer = (query: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    const question = readQuestion(query);
    if (!question) return null;
    queries.push({ name: question.name, transport });
    const maxBytes = transport === 'udp' ? 512 : 65_535;
    return buildResponse({ query, question, entry: records.get(question.name.toLowerCase()), maxBytes });
  };

  const udp = createSocket('udp4');
  udp.on('message', (message, remote) => {
    const response = answer(message, 'udp');
    if (response) udp.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const port = (udp.address() as AddressInfo).port;

  const tcp = createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const length = pending.readUInt16BE(0);
        const response = answer(pending.subarray(2, 2 + length), 'tcp');
        pending = pending.subarray(2 + length);
        if (response) socket.write(Buffer.concat([lengthPrefix(response.length), response]));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await listenOnPort(tcp, port);

  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

interface Question {
  name: string;
  type: number;
  /** Offset just past the question, to copy it back byte for byte (case included). */
  end: number;
}

function readQuestion(query: Buffer): Question | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length) {
    const length = query[offset]!;
    offset += 1;
    if (length === 0) break;
    labels.push(query.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > query.length) return null;
  return { name: labels.join('.'), type: query.readUInt16BE(offset), end: offset + 4 };
}

function buildResponse({ query, question, entry, maxBytes }: { query: Buffer; question: Question; entry: DnsZone[string] | undefined; maxBytes: number }): Buffer {
  const code = entry === undefined ? rcode.nameError : entry === 'servfail' ? rcode.serverFailure : rcode.noError;
  const answers = Array.isArray(entry) && question.type === typeTxt ? entry.map(encodeTxtAnswer) : [];
  let body = Buffer.concat(answers);
  let truncated = false;
  if (12 + (question.end - 12) + body.length > maxBytes) {
    body = Buffer.alloc(0);
    truncated = true;
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  const recursionDesired = query.readUInt16BE(2) & 0x0100;
  // QR, AA, TC when cut, RD copied, RA.
  header.writeUInt16BE(0x8000 | 0x0400 | (truncated ? 0x0200 : 0) | recursionDesired | 0x0080 | code, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(truncated ? 0 : answers.length, 6);
  return Buffer.concat([header, query.subarray(12, question.end), body]);
}

function encodeTxtAnswer(strings: string[]): Buffer {
  const rdata = Buffer.concat(
    strings.map((text) => {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > 255) throw new Error(`A TXT character-string holds at most 255 bytes; split "${text.slice(0, 20)}…".`);
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }),
  );
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // a pointer to the question's name
  fixed.writeUInt16BE(typeTxt, 2);
  fixed.writeUInt16BE(1, 4); // class IN
  fixed.writeUInt32BE(300, 6);
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(length, 0);
  return prefix;
}

function listenOnPort(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
