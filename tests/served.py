"""`eventwire serve` as a user starts it, on a free loopback port, for tests that need a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db_url: str, token: str | None = None) -> Iterator[str]:
    """The base URL of `eventwire serve --db db_url` on 127.0.0.1, stopped afterwards."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "eventwire"), "serve", "--db", db_url, "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    if token:
        env["EVENTWIRE_TOKEN"] = token
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/stats", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(process.stdout.read().decode(errors="replace")) from None
            time.sleep(0.3)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
