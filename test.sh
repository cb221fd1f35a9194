#!/usr/bin/env bash
# Runs every test on a fresh machine (installs what the tests need) and ends with the summary line
# "N passed, M failed" counted from the test results.
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v bwrap >/dev/null || need+=(bubblewrap)
command -v git >/dev/null || need+=(git)
if [ ${#need[@]} -gt 0 ]; then
    echo "test.sh: installing ${need[*]}" >&2
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Peers for the interoperability tests (grpc-js from npm, BuildStream's artifact server); never fails,
# the tests that need a missing peer skip.
tests/interop/setup.sh

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test BuildGraph.sln -c Release --nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(echo "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + p))
    failed=$((failed + f))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or the test host failed before any result was written.
    failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
