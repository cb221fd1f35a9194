#!/bin/sh
# Builds files/base: a sysroot holding Debian's statically linked busybox and its applet links.
set -eu
cd "$(dirname "$0")/.."
busybox=${BUSYBOX:-/bin/busybox}
if [ ! -x "$busybox" ]; then
    echo "prepare-base: $busybox not found; install busybox-static" >&2
    exit 1
fi
rm -rf files/base.tmp
mkdir -p files/base.tmp/bin files/base.tmp/etc files/base.tmp/tmp files/base.tmp/usr/bin
cp "$busybox" files/base.tmp/bin/busybox
chmod 0755 files/base.tmp/bin/busybox
for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "files/base.tmp/bin/$applet"
done
echo "root:x:0:0:root:/root:/bin/sh" > files/base.tmp/etc/passwd
echo "root:x:0:" > files/base.tmp/etc/group
rm -rf files/base
mv files/base.tmp files/base
