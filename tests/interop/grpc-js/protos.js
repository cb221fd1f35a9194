// Loads bgx's own .proto files (protos/ at the repository root) with proto-loader.
'use strict';
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const root = path.resolve(__dirname, '../../../protos');
const definition = protoLoader.loadSync(
  [
    'build/bazel/remote/execution/v2/remote_execution.proto',
    'google/bytestream/bytestream.proto',
    'build/bazel/remote/asset/v1/remote_asset.proto',
  ],
  { includeDirs: [root], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const loaded = grpc.loadPackageDefinition(definition);

module.exports = {
  grpc,
  reapi: loaded.build.bazel.remote.execution.v2,
  bytestream: loaded.google.bytestream,
  asset: loaded.build.bazel.remote.asset.v1,
};
