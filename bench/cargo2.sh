#!/usr/bin/env bash
# Benchmark: fetch of an element with N cargo2 crates from a loopback crate server, then a
# no-change `bgx source track` of it with a warm cache. Usage: bench/cargo2.sh [N] (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
work=$(mktemp -d /tmp/bgx-cargo2.XXXXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
dotnet publish src/BuildGraph.Cli -c Release -r linux-x64 --self-contained false -o "$work/bin" -p:PublishReadyToRun=true --nologo -v quiet >&2
bgx="$work/bin/bgx"

python3 - "$work" "$n" <<'PY'
import hashlib, io, os, sys, tarfile
work, n = sys.argv[1], int(sys.argv[2])
crates, lock = os.path.join(work, "crates"), []
for i in range(n):
    name, version = f"crate{i:03d}", "1.0.0"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for path, text in ((f"{name}-{version}/Cargo.toml", f'[package]\nname = "{name}"\nversion = "{version}"\n'),
                           (f"{name}-{version}/src/lib.rs", f"pub fn f{i}() -> u32 {{ {i} }}\n" + "// padding\n" * 200)):
            data = text.encode()
            info = tarfile.TarInfo(path); info.size = len(data); info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    data = buf.getvalue()
    os.makedirs(os.path.join(crates, name), exist_ok=True)
    open(os.path.join(crates, name, f"{name}-{version}.crate"), "wb").write(data)
    lock.append((name, version, hashlib.sha256(data).hexdigest()))
project = os.path.join(work, "project")
os.makedirs(os.path.join(project, "elements"), exist_ok=True)
os.makedirs(os.path.join(project, "files", "app"), exist_ok=True)
with open(os.path.join(project, "files", "app", "Cargo.lock"), "w") as f:
    f.write("version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n")
    for name, version, sha in lock:
        f.write(f'\n[[package]]\nname = "{name}"\nversion = "{version}"\n'
                f'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{sha}"\n')
with open(os.path.join(project, "elements", "app.bst"), "w") as f:
    f.write("kind: import\n")
    f.write("sources:\n- kind: local\n  path: files/app\n- kind: cargo2\n  url: crates:crates\n  ref:\n")
    for name, version, sha in lock:
        f.write(f"  - kind: registry\n    name: {name}\n    version: {version}\n    sha: {sha}\n")
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work" "$port" >/dev/null 2>&1 &
server=$!
sleep 1
cat > "$work/project/project.conf" <<CONF
name: cargo2-bench
min-version: 2.0
element-path: elements
aliases:
  crates: http://127.0.0.1:$port/
plugins:
- origin: pip
  package-name: buildstream-plugins-community
  sources: [cargo2]
CONF
export XDG_CACHE_HOME="$work/cache"
timed() { /usr/bin/time -f "%e" -o "$work/t" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }; cat "$work/t"; }
echo "crates: $n, fetchers: 10 (default)"
echo "bgx source fetch (cold):        $(timed "$bgx" --no-interactive -C "$work/project" source fetch app.bst) s"
echo "bgx source track (no change):   $(timed "$bgx" --no-interactive -C "$work/project" source track app.bst) s"
echo "bgx source track (again):       $(timed "$bgx" --no-interactive -C "$work/project" source track app.bst) s"
