"""Latency of `newslint server`: an edit to a seed page to its new diagnostics, cold and warm.

Usage (from the project root, with pygls installed: pip install -e '.[server]'):
    python -m bench server [--runs 30] [--cold-runs 5]

The server runs as an editor runs it (`python -m lint server`, LSP over stdio) with seeds/ as
its workspace folder (the repository's .newslint.yaml applies: corpus seeds/, the name list).
A minimal LSP client here, speaking JSON-RPC over the pipes, times:

- cold: from starting the server process to the diagnostics of seeds/000_19bee804d0636bef.txt
  just opened (the interpreter, the imports, the word lists, the workspace's cross-page index),
  over --cold-runs fresh processes;
- warm: from a didChange (a character typed, or deleted again) to the diagnostics of that
  version, over --runs changes after a few unmeasured ones. It includes the server's debounce
  (lint/server/lsp.py DEBOUNCE), which is printed too. Target: <= 0.3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
PAGE = SEEDS / "000_19bee804d0636bef.txt"
TIMEOUT = 120.0


class Client:
    """Just enough of an LSP client: requests, notifications, and the server's messages queued."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "lint", "server"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, cwd=ROOT)
        self.messages: queue.Queue[dict] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def wait(self, wanted) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if "id" in message and "method" in message:  # a request of the server's: answer it
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int) -> list:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)["params"]["diagnostics"]

    def start(self) -> None:
        self.request("initialize", {"processId": os.getpid(), "rootUri": SEEDS.as_uri(), "capabilities": {},
                                    "workspaceFolders": [{"uri": SEEDS.as_uri(), "name": "seeds"}]})
        self.notify("initialized", {})

    def stop(self) -> None:
        self.request("shutdown", None)  # type: ignore[arg-type]
        self.notify("exit", None)  # type: ignore[arg-type]
        self.proc.wait(timeout=30)


def open_page(client: Client) -> tuple[str, str]:
    uri, text = PAGE.as_uri(), PAGE.read_text(encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                            "version": 1, "text": text}})
    return uri, text


def cold(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client = Client()
        client.start()
        uri, _ = open_page(client)
        client.diagnostics(uri, 1)
        times.append(time.perf_counter() - started)
        client.stop()
    return times


def warm(runs: int, warm_up: int = 3) -> tuple[list[float], int]:
    client = Client()
    client.start()
    uri, text = open_page(client)
    found = len(client.diagnostics(uri, 1))
    lines = text.split("\n")
    line = lines.index(max(lines, key=len))  # a body paragraph
    times = []
    for version in range(2, 2 + warm_up + runs):
        typed = version % 2 == 0  # type a character into a body line, then delete it again
        end = {"line": line, "character": 2 if typed else 3}
        change = {"range": {"start": {"line": line, "character": 2}, "end": end}, "text": "的" if typed else ""}
        started = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        client.diagnostics(uri, version)
        if version >= 2 + warm_up:
            times.append(time.perf_counter() - started)
    client.stop()
    return times, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=30, help="changes timed in the warm server")
    ap.add_argument("--cold-runs", type=int, default=5, help="fresh server processes timed")
    args = ap.parse_args(argv)
    try:
        import pygls  # noqa: F401
    except ImportError:
        print("bench server: needs pygls: pip install -e '.[server]'", file=sys.stderr)
        return 2
    from lint.server.lsp import DEBOUNCE

    starts = cold(args.cold_runs)
    changes, found = warm(args.runs)
    print(f"page {PAGE.relative_to(ROOT)} ({found} diagnostics), workspace seeds/")
    print(f"cold: start to first diagnostics, {len(starts)} runs: median {statistics.median(starts):.3f} s, "
          f"best {min(starts):.3f} s")
    print(f"warm: didChange to diagnostics, {len(changes)} changes: median {statistics.median(changes):.3f} s, "
          f"best {min(changes):.3f} s, worst {max(changes):.3f} s (debounce {DEBOUNCE:.2f} s included; "
          f"target <= 0.3 s)")
    return 0
