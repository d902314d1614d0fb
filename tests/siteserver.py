"""The built site served on localhost for the whole test run, by a process of its own: every
test process of the run (pytest-xdist's workers) reads the one site that one of them built.

Run as `python tests/siteserver.py FOLDER PORT PID`: serves FOLDER on 127.0.0.1:PORT until
process PID (the run's first pytest process) has ended.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: str, port: int, run: int) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    while _alive(run):
        time.sleep(1)
    server.shutdown()


# Helper functions


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
