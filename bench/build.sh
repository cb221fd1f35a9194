#!/usr/bin/env bash
# Benchmark: cold `bgx build` of N synthetic elements and a no-op rebuild of M cached ones, side by side
# with BuildStream 1.6.8's `bst build` on the same element files when bst is installed.
# Usage: bench/build.sh [RUNS] [COLD_N] [NOOP_N]    (defaults: 3 runs, 100, 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; cold=${2:-100}; noop=${3:-1000}
gen=${GEN_PROJECT:-../shared/bench/gen_project.py}
work=$(mktemp -d /tmp/bgx-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet publish src/BuildGraph.Cli -c Release -o "$work/bin" -p:PublishReadyToRun=true --nologo -v quiet >&2
bgx="$work/bin/bgx"

# time_once COMMAND...: prints "wall cpu" seconds of one run.
time_once() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/out" 2>&1 || { tail -20 "$work/out" >&2; return 1; }
    awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

python3 "$gen" "$work/c2" -n "$cold" --bst 2 >/dev/null
samples=()
for i in $(seq "$runs"); do
    samples+=("$(XDG_CACHE_HOME="$work/cold-cache-$i" time_once "$bgx" --no-interactive -C "$work/c2" build all.bst | cut -d' ' -f1)")
done
echo "bgx     cold build of $cold elements: $(printf '%s\n' "${samples[@]}" | median) s (median of $runs)"

python3 "$gen" "$work/n2" -n "$noop" --bst 2 >/dev/null
XDG_CACHE_HOME="$work/noop-cache" "$bgx" --no-interactive -C "$work/n2" build all.bst >/dev/null
samples=()
for i in $(seq 5); do
    samples+=("$(XDG_CACHE_HOME="$work/noop-cache" time_once "$bgx" --no-interactive -C "$work/n2" build all.bst | cut -d' ' -f1)")
done
echo "bgx     no-op build of $noop elements: $(printf '%s\n' "${samples[@]}" | median) s (median of 5)"

if command -v bst >/dev/null && [ -z "${SKIP_BST:-}" ]; then
    python3 "$gen" "$work/c1" -n "$cold" --bst 1 >/dev/null
    echo "bst-1.6 cold build of $cold elements: $(XDG_CACHE_HOME="$work/bst-cold" time_once bst --no-interactive --no-colors -C "$work/c1" build all.bst | cut -d' ' -f1) s"
    echo "bst-1.6 no-op build of $cold elements: $(XDG_CACHE_HOME="$work/bst-cold" time_once bst --no-interactive --no-colors -C "$work/c1" build all.bst | cut -d' ' -f1) s"
    if [ -n "${BST_NOOP_LARGE:-}" ]; then
        python3 "$gen" "$work/n1" -n "$noop" --bst 1 >/dev/null
        XDG_CACHE_HOME="$work/bst-noop" bst --no-interactive --no-colors -C "$work/n1" build all.bst >/dev/null 2>&1
        echo "bst-1.6 no-op build of $noop elements: $(XDG_CACHE_HOME="$work/bst-noop" time_once bst --no-interactive --no-colors -C "$work/n1" build all.bst | cut -d' ' -f1) s"
    fi
fi
