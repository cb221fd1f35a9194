#!/usr/bin/env bash
# Benchmark: push then pull through `bgx artifact-server` over loopback (server and client in separate
# processes): one 1 GiB blob, one artifact of 10,000 files / 1 GiB, and 1,000 small artifacts.
# Usage: bench/remote.sh [FILES] [MIB] [ARTIFACTS]    (defaults: 10000 1024 1000; needs ~6 GiB in /tmp)
# BGX=/path/to/bgx reuses a published bgx.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/bgx-remote-bench.XXXXXX)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT
bgx=${BGX:-}
if [ -z "$bgx" ]; then
    nice -n 19 dotnet publish src/BuildGraph.Cli -c Release -o "$work/bin" -p:PublishReadyToRun=true --nologo -v quiet >&2
    bgx="$work/bin/bgx"
fi
nice -n 19 dotnet build bench/BuildGraph.RemoteBench -c Release -o "$work/bench" --nologo -v quiet >&2

"$bgx" artifact-server --port 0 --directory "$work/server" --enable-push >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/server.out")
echo "server: $url (pid $server_pid)"
"$work/bench/BuildGraph.RemoteBench" "$url" "$work/client" "$@"
echo "server CPU: $(ps -o times= -p "$server_pid" | tr -d ' ') s"
