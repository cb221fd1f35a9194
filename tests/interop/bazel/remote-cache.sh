#!/usr/bin/env bash
# Bazel (Debian's bazel-bootstrap 4.2.3) against `bgx artifact-server` as its remote cache: build two
# genrules, `bazel clean`, build again, and expect both actions to be remote cache hits, under
# an instance name with a slash. Kept out of CI because Bazel and its JDK make
# it slow (and big to install): run it by hand.
# Usage: tests/interop/bazel/remote-cache.sh      (installs bazel-bootstrap with apt-get when root)
# Set BGX=/path/to/bgx to reuse a built bgx instead of publishing one.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
if ! command -v bazel >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq bazel-bootstrap >/dev/null
    else
        echo "SKIP: bazel is not installed (apt-get install bazel-bootstrap)"; exit 0
    fi
fi
work=$(mktemp -d /tmp/bgx-bazel.XXXXXX)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT

bgx=${BGX:-}
if [ -z "$bgx" ]; then
    nice -n 19 dotnet publish "$repo/src/BuildGraph.Cli" -c Release -o "$work/bin" --nologo -v quiet >&2
    bgx="$work/bin/bgx"
fi
"$bgx" artifact-server --port 0 --directory "$work/cache" --enable-push >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/server.out")
[ -n "$port" ] || { cat "$work/server.err"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p "$work/ws"
cd "$work/ws"
: > WORKSPACE
cat > BUILD <<'BUILD'
genrule(name = "hello", outs = ["hello.txt"], cmd = "echo hello from bazel > $@")
genrule(name = "upper", srcs = [":hello"], outs = ["upper.txt"], cmd = "tr a-z A-Z < $< > $@")
BUILD
bazel_build() {
    bazel --batch --output_user_root="$work/bazel-root" --nohome_rc build //:upper \
        --remote_cache="grpc://127.0.0.1:$port" --remote_instance_name=ci/bazel --remote_retries=0 \
        --remote_timeout=60 --noshow_progress 2>&1
}
passed=0; failed=0
first=$(bazel_build) || { echo "$first"; echo "0 passed, 1 failed"; exit 1; }
bazel --batch --output_user_root="$work/bazel-root" --nohome_rc clean >/dev/null 2>&1
second=$(bazel_build) || { echo "$second"; echo "0 passed, 1 failed"; exit 1; }
if echo "$second" | grep -q "2 remote cache hit" && [ "$(cat bazel-bin/upper.txt)" = "HELLO FROM BAZEL" ]; then
    echo "ok - bazel: 2 remote cache hits after bazel clean"; passed=$((passed + 1))
else
    echo "FAIL - bazel: no remote cache hits after clean"; echo "$first"; echo "$second"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
