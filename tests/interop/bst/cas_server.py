#!/usr/bin/python3
"""BuildStream 1.6.8's artifact server (Debian python3-buildstream) on 127.0.0.1 only.

Usage: cas_server.py REPO_DIR. Prints "listening on PORT" once serving; stops when stdin closes or
on SIGTERM. Debian ships no bst-artifact-server script, and its command line binds every interface,
so the server is built from BuildStream's own module here.
"""
import signal
import sys

from buildstream._artifactcache.casserver import create_server


def main():
    server = create_server(sys.argv[1], enable_push=True)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"listening on {port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.read()  # the test closes stdin (or exits) to stop us
    finally:
        server.stop(0)


if __name__ == "__main__":
    main()
