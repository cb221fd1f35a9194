#!/usr/bin/env bash
# Benchmark: the same client (bench/BuildGraph.RemoteBench, bgx's CasClient) against `bgx artifact-server`
# and against BuildStream 1.6.8's artifact server (Debian python3-buildstream, tests/interop/bst), one
# after the other, CAS and ByteStream only (BuildStream 1.6.8's server has no Remote Asset: small
# artifacts are named by digest on both).
# Usage: bench/remote-vs-bst.sh [FILES] [MIB] [ARTIFACTS]   (defaults: 10000 1024 1000)
# BGX=/path/to/bgx reuses a published bgx.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -c 'import buildstream._artifactcache.casserver' 2>/dev/null \
    || { echo "remote-vs-bst.sh: needs Debian's python3-buildstream (tests/interop/setup.sh installs it)" >&2; exit 2; }
work=$(mktemp -d /tmp/bgx-remote-vs-bst.XXXXXX)
server_pid=
stop_server() {
    if [ -n "$server_pid" ]; then
        echo "server CPU: $(ps -o times= -p "$server_pid" | tr -d ' ') s"
        kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
cleanup() { stop_server >/dev/null; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
bgx=${BGX:-}
if [ -z "$bgx" ]; then
    nice -n 19 dotnet publish src/BuildGraph.Cli -c Release -o "$work/bin" -p:PublishReadyToRun=true --nologo -v quiet >&2
    bgx="$work/bin/bgx"
fi
nice -n 19 dotnet build bench/BuildGraph.RemoteBench -c Release -o "$work/bench" --nologo -v quiet >&2
export BENCH_INSTANCE="" BENCH_CAS_ONLY=1

wait_for() { for _ in $(seq 300); do grep -q "listening on" "$1" 2>/dev/null && return; sleep 0.1; done; echo "server did not start" >&2; exit 1; }

echo "== bgx artifact-server"
"$bgx" artifact-server --port 0 --directory "$work/bgx-server" --enable-push >"$work/bgx.out" 2>"$work/bgx.err" &
server_pid=$!
wait_for "$work/bgx.out"
"$work/bench/BuildGraph.RemoteBench" "$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/bgx.out")" "$work/client-bgx" "$@"
stop_server
rm -rf "$work/client-bgx" "$work/bgx-server"

echo "== BuildStream 1.6.8 artifact server"
mkfifo "$work/stdin"
exec 3<>"$work/stdin" # the server serves until its stdin closes: keep it open
/usr/bin/python3 tests/interop/bst/cas_server.py "$work/bst-server" <"$work/stdin" >"$work/bst.out" 2>"$work/bst.err" &
server_pid=$!
wait_for "$work/bst.out"
"$work/bench/BuildGraph.RemoteBench" "http://127.0.0.1:$(sed -n 's/listening on //p' "$work/bst.out")" "$work/client-bst" "$@"
stop_server
