#!/usr/bin/env bash
# The main job on a fresh machine: install what bgx needs, build it, and run it on this repo's own
# project (elements/). Usage: ./run.sh [bgx arguments...]   (default: show the whole project)
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v bwrap >/dev/null || need+=(bubblewrap)
command -v git >/dev/null || need+=(git)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
    echo "run.sh: installing ${need[*]}" >&2
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet publish src/BuildGraph.Cli -c Release -o .bgx/bin -p:PublishReadyToRun=true --nologo -v quiet >&2
tools/prepare-base.sh

bgx() { .bgx/bin/bgx --no-interactive "$@"; }
if [ $# -gt 0 ]; then
    bgx "$@"
    exit
fi
# The main job: build the demo system, check it out, and run what it built in a sandbox.
bgx build all.bst
rm -rf .bgx/checkout
bgx artifact checkout system.bst --directory .bgx/checkout
bwrap --bind .bgx/checkout / --dev /dev --proc /proc --unshare-all --die-with-parent --clearenv \
    --setenv PATH /usr/bin:/bin /usr/bin/bgx-hello
bgx artifact checkout manifest.bst --deps none --tar - | tar -xOf - usr/share/bgx-demo/manifest.txt
