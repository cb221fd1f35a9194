// A grpc-js server with an in-memory CAS, for bgx's client to talk to.
// Usage: node server.js   (prints "listening on PORT"; stops when stdin closes)
// Serves Capabilities, FindMissingBlobs, BatchUpdateBlobs, BatchReadBlobs, ByteStream Read/Write.
// ActionCache.GetActionResult answers NOT_FOUND with a UTF-8 message; UpdateActionResult sleeps 5 s (deadlines).
'use strict';
const crypto = require('crypto');
const { grpc, reapi, bytestream } = require('./protos');

const blobs = new Map();
const hashOf = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
const status = (code, message = '') => ({ code, message, details: [] });
const parseName = (name) => {
  const m = /(?:^|\/)blobs\/([0-9a-f]{64})\/(\d+)/.exec(name);
  return m && { hash: m[1], size: Number(m[2]) };
};

const server = new grpc.Server();
server.addService(reapi.Capabilities.service, {
  GetCapabilities: (call, cb) => cb(null, {
    cache_capabilities: { digest_functions: ['SHA256'], max_batch_total_size_bytes: String(1024 * 1024),
      action_cache_update_capabilities: { update_enabled: true } },
    low_api_version: { major: 2 }, high_api_version: { major: 2, minor: 2 },
  }),
});
server.addService(reapi.ContentAddressableStorage.service, {
  FindMissingBlobs: (call, cb) => cb(null, { missing_blob_digests: call.request.blob_digests.filter((d) => !blobs.has(d.hash)) }),
  BatchUpdateBlobs: (call, cb) => cb(null, {
    responses: call.request.requests.map((r) => {
      if (hashOf(r.data) !== r.digest.hash) return { digest: r.digest, status: status(grpc.status.INVALID_ARGUMENT, 'digest mismatch') };
      blobs.set(r.digest.hash, Buffer.from(r.data));
      return { digest: r.digest, status: status(0) };
    }),
  }),
  BatchReadBlobs: (call, cb) => cb(null, {
    responses: call.request.digests.map((d) => (blobs.has(d.hash)
      ? { digest: d, data: blobs.get(d.hash), status: status(0) }
      : { digest: d, status: status(grpc.status.NOT_FOUND, 'missing') })),
  }),
  GetTree: (call) => call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'no GetTree here' }),
});
server.addService(reapi.ActionCache.service, {
  GetActionResult: (call, cb) => cb({ code: grpc.status.NOT_FOUND, details: 'précondition ✗ 100% failed' }),
  UpdateActionResult: (call, cb) => setTimeout(() => cb(null, call.request.action_result), 5000),
});
server.addService(bytestream.ByteStream.service, {
  Read: (call) => {
    const name = parseName(call.request.resource_name);
    const blob = name && blobs.get(name.hash);
    if (!blob) return call.emit('error', { code: grpc.status.NOT_FOUND, details: 'no such blob' });
    const chunk = 1024 * 1024;
    for (let offset = Number(call.request.read_offset); offset < blob.length; offset += chunk) {
      call.write({ data: blob.subarray(offset, offset + chunk) });
    }
    call.end();
  },
  Write: (call, cb) => {
    const parts = [];
    let name = null;
    call.on('data', (r) => { name = name || parseName(r.resource_name); parts.push(r.data); });
    call.on('end', () => {
      const data = Buffer.concat(parts);
      if (!name || hashOf(data) !== name.hash) return cb({ code: grpc.status.INVALID_ARGUMENT, details: 'digest mismatch' });
      blobs.set(name.hash, data);
      cb(null, { committed_size: String(data.length) });
    });
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, port) => {
  if (e) throw e;
  console.log(`listening on ${port}`);
});
process.stdin.on('end', () => server.forceShutdown());
process.stdin.resume();
