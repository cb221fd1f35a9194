#!/usr/bin/env bash
# Benchmark: `bgx show` over the synthetic projects of ../shared/bench/gen_project.py, side by side
# with BuildStream 1.6.8's `bst show` on the same element files when bst is installed.
# Usage: bench/show.sh [RUNS] [SIZES...]   (defaults: 5 runs; 500 2000 5000 elements)
# Prints one line per tool and size: median wall seconds, median CPU seconds, peak RSS MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(500 2000 5000)
gen=${GEN_PROJECT:-../shared/bench/gen_project.py}
work=$(mktemp -d /tmp/bgx-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet publish src/BuildGraph.Cli -c Release -o "$work/bin" -p:PublishReadyToRun=true --nologo -v quiet >&2
bgx="$work/bin/bgx"

# measure TOOL-NAME N COMMAND...: runs the command $runs times, prints the medians.
measure() {
    local name=$1 n=$2; shift 2
    local samples=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
        samples+=("$(awk '{printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024}' "$work/time")")
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk -v name="$name" -v n="$n" -v runs="$runs" '
        { wall[NR] = $1; cpu[NR] = $2; if ($3 > rss) rss = $3 }
        END { m = int((NR + 1) / 2); printf "%-8s N=%-5d wall %7.3f s  cpu %7.3f s  peak %6.1f MiB  (median of %d)\n", name, n, wall[m], cpu[m], rss, runs }'
}

for n in "${sizes[@]}"; do
    python3 "$gen" "$work/p2-$n" -n "$n" --bst 2 >/dev/null
    XDG_CACHE_HOME="$work/cache2" measure bgx "$n" "$bgx" --no-interactive -C "$work/p2-$n" show all.bst
    if command -v bst >/dev/null && [ -z "${SKIP_BST:-}" ]; then
        python3 "$gen" "$work/p1-$n" -n "$n" --bst 1 >/dev/null
        XDG_CACHE_HOME="$work/cache1" measure bst-1.6 "$n" bst --no-interactive --no-colors -C "$work/p1-$n" show all.bst
    fi
done
