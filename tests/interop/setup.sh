#!/usr/bin/env bash
# Installs what the interoperability tests need, outside the repository:
#   - grpc-js peers: `npm install` of tests/interop/grpc-js/package.json into $BGX_INTEROP_HOME/grpc-js
#   - BuildStream 1.6.8's artifact server: Debian's python3-buildstream (when apt-get is usable)
# Never fails: a missing tool only makes the matching tests skip (they say why).
# BGX_INTEROP_HOME defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/bgx-interop; the tests read the same variable.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${BGX_INTEROP_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/bgx-interop}"

if command -v npm >/dev/null && command -v node >/dev/null; then
    target="$home/grpc-js"
    mkdir -p "$target"
    if ! cmp -s "$here/grpc-js/package.json" "$target/package.json" || [ ! -d "$target/node_modules/@grpc/grpc-js" ]; then
        cp "$here/grpc-js/package.json" "$target/package.json"
        (cd "$target" && timeout 600 npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1) \
            || echo "interop setup: npm install failed; grpc-js tests will skip" >&2
    fi
else
    echo "interop setup: node/npm not found; grpc-js tests will skip" >&2
fi

if ! /usr/bin/python3 -c 'import buildstream._artifactcache.casserver' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "interop setup: installing python3-buildstream" >&2
        (apt-get install -y -qq python3-buildstream >/dev/null 2>&1 \
            || (apt-get update -qq && apt-get install -y -qq python3-buildstream >/dev/null 2>&1)) \
            || echo "interop setup: python3-buildstream did not install; BuildStream tests will skip" >&2
    else
        echo "interop setup: python3-buildstream missing; BuildStream tests will skip" >&2
    fi
fi
exit 0
