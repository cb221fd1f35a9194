// A grpc-js client exercising a bgx artifact server.
// Usage: node client.js ADDRESS CORRUPT_RESOURCE [TLS_ADDRESS CA_PEM]
// Prints one line per check and "N passed, M failed"; exits 1 when a check failed.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const { grpc, reapi, bytestream, asset } = require('./protos');

const [address, corruptResource, tlsAddress, caPem] = process.argv.slice(2);
const insecure = grpc.credentials.createInsecure();
const cas = new reapi.ContentAddressableStorage(address, insecure);
const caps = new reapi.Capabilities(address, insecure);
const bs = new bytestream.ByteStream(address, insecure);
const fetch = new asset.Fetch(address, insecure);
const execution = new reapi.Execution(address, insecure);

const digestOf = (buf) => ({ hash: crypto.createHash('sha256').update(buf).digest('hex'), size_bytes: String(buf.length) });
const unary = (client, method, request, options = {}) =>
  new Promise((resolve, reject) => client[method](request, new grpc.Metadata(), options, (e, r) => (e ? reject(e) : resolve(r))));
const readAll = (request, options = {}, onData = () => {}) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    const call = bs.Read(request, new grpc.Metadata(), options);
    call.on('data', (m) => { chunks.push(m.data); onData(call, chunks); });
    call.on('error', (e) => { e.received = Buffer.concat(chunks); reject(e); });
    call.on('end', () => resolve(Buffer.concat(chunks)));
  });
const expectError = async (promise, code) => {
  try { await promise; } catch (e) {
    if (e.code === code) return e;
    throw new Error(`expected ${grpc.status[code]}, got ${grpc.status[e.code]}: ${e.details}`);
  }
  throw new Error(`expected ${grpc.status[code]}, got OK`);
};
const assert = (condition, message) => { if (!condition) throw new Error(message); };

const checks = [];
const check = (name, body) => checks.push([name, body]);

check('GetCapabilities advertises SHA256 and updates', async () => {
  const c = await unary(caps, 'GetCapabilities', {});
  assert(c.cache_capabilities.digest_functions.includes('SHA256'), 'no SHA256');
  assert(c.cache_capabilities.action_cache_update_capabilities.update_enabled, 'updates disabled');
});

check('FindMissingBlobs lists the unknown blob only', async () => {
  const unknown = digestOf(Buffer.from('grpc-js unknown'));
  const r = await unary(cas, 'FindMissingBlobs', { blob_digests: [unknown, digestOf(Buffer.alloc(0))] });
  assert(r.missing_blob_digests.length === 1 && r.missing_blob_digests[0].hash === unknown.hash, JSON.stringify(r));
});

check('BatchUpdateBlobs then BatchReadBlobs round-trips', async () => {
  const data = Buffer.from('from grpc-js ✓');
  const d = digestOf(data);
  const u = await unary(cas, 'BatchUpdateBlobs', { requests: [{ digest: d, data }] });
  assert(u.responses[0].status.code === 0, JSON.stringify(u.responses[0].status));
  const r = await unary(cas, 'BatchReadBlobs', { digests: [d] });
  assert(r.responses[0].data.equals(data), 'data differs');
});

const big = crypto.randomBytes(3 * 1024 * 1024 + 5);
const bigDigest = digestOf(big);
check('ByteStream.Write (client streaming) commits the blob', async () => {
  const response = await new Promise((resolve, reject) => {
    const call = bs.Write(new grpc.Metadata(), (e, r) => (e ? reject(e) : resolve(r)));
    const chunk = 64 * 1024;
    for (let offset = 0; offset < big.length; offset += chunk) {
      call.write({
        resource_name: offset === 0 ? `grpc-js/inst/uploads/${crypto.randomUUID()}/blobs/${bigDigest.hash}/${big.length}` : '',
        write_offset: String(offset), data: big.subarray(offset, offset + chunk), finish_write: offset + chunk >= big.length,
      });
    }
    call.end();
  });
  assert(response.committed_size === String(big.length), `committed ${response.committed_size}`);
});

check('ByteStream.Read (server streaming) returns the blob, with a deadline', async () => {
  const data = await readAll({ resource_name: `grpc-js/inst/blobs/${bigDigest.hash}/${big.length}` }, { deadline: Date.now() + 20000 });
  assert(data.equals(big), 'read differs');
});

check('ByteStream.Read with offset and limit', async () => {
  const data = await readAll({ resource_name: `blobs/${bigDigest.hash}/${big.length}`, read_offset: '1000', read_limit: '5' });
  assert(data.equals(big.subarray(1000, 1005)), 'slice differs');
});

check('ByteStream.Read of an unknown blob is NOT_FOUND (trailers-only)', async () => {
  const d = digestOf(Buffer.from('absent'));
  await expectError(readAll({ resource_name: `blobs/${d.hash}/${d.size_bytes}` }), grpc.status.NOT_FOUND);
});

check('an unknown method is UNIMPLEMENTED', async () => {
  await expectError(new Promise((resolve, reject) => {
    const call = execution.Execute({ action_digest: digestOf(Buffer.from('a')) });
    call.on('data', () => {});
    call.on('error', reject);
    call.on('end', resolve);
  }), grpc.status.UNIMPLEMENTED);
});

check('a request over 4 MiB is RESOURCE_EXHAUSTED', async () => {
  const data = Buffer.alloc(5 * 1024 * 1024, 1);
  await expectError(unary(cas, 'BatchUpdateBlobs', { requests: [{ digest: digestOf(data), data }] }), grpc.status.RESOURCE_EXHAUSTED);
});

check('a UTF-8 grpc-message arrives decoded', async () => {
  const e = await expectError(readAll({ resource_name: 'café/blobs/100%' }), grpc.status.INVALID_ARGUMENT);
  assert(e.details.includes('café/blobs/100%'), e.details);
});

check('an error after data arrives as trailers (corrupt blob: DATA_LOSS)', async () => {
  const e = await expectError(readAll({ resource_name: corruptResource }), grpc.status.DATA_LOSS);
  assert(e.received.length > 0, 'no data before the error');
});

check('an expired deadline is DEADLINE_EXCEEDED', async () => {
  await expectError(readAll({ resource_name: `blobs/${bigDigest.hash}/${big.length}` }, { deadline: Date.now() + 1 }),
    grpc.status.DEADLINE_EXCEEDED);
});

check('call.cancel() mid-stream is CANCELLED', async () => {
  await expectError(readAll({ resource_name: `blobs/${bigDigest.hash}/${big.length}` }, {}, (call) => call.cancel()),
    grpc.status.CANCELLED);
});

check('Remote Asset FetchBlob without URIs is INVALID_ARGUMENT (BuildStream probe)', async () => {
  await expectError(unary(fetch, 'FetchBlob', { instance_name: 'x' }), grpc.status.INVALID_ARGUMENT);
});

if (tlsAddress) {
  check('TLS with a private CA', async () => {
    const secure = new reapi.Capabilities(tlsAddress, grpc.credentials.createSsl(fs.readFileSync(caPem)));
    const c = await unary(secure, 'GetCapabilities', {});
    assert(c.cache_capabilities.digest_functions.includes('SHA256'), 'no SHA256');
  });
}

(async () => {
  let passed = 0;
  let failed = 0;
  for (const [name, body] of checks) {
    try {
      await body();
      passed++;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL - ${name}: ${e.message}`);
    }
  }
  console.log(`grpc-js client: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
