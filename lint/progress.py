"""A progress bar on stderr for long runs, shown only when stderr is a terminal (never in CI logs,
pipes or pre-commit output). Small enough not to need tqdm or rich, whose import would cost every
run of the hook."""
from __future__ import annotations

import time
from typing import TextIO

WIDTH = 28
MIN_PAGES = 20  # shorter runs end before a bar would help
EVERY = 0.1  # seconds between redraws


class Progress:
    def __init__(self, total: int, stream: TextIO, label: str = "pages"):
        self.total, self.stream, self.label = total, stream, label
        self.done = 0
        self.shown = total >= MIN_PAGES and stream.isatty()
        self._last = 0.0
        self._start = time.monotonic()

    def step(self, name: str = "") -> None:
        self.done += 1
        if not self.shown:
            return
        now = time.monotonic()
        if now - self._last < EVERY and self.done < self.total:
            return
        self._last = now
        filled = WIDTH * self.done // max(self.total, 1)
        rate = self.done / max(now - self._start, 1e-6)
        left = (self.total - self.done) / rate if rate else 0
        tail = name[-30:] if name else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} {self.label}"
                          f"  {rate:.0f}/s  {left:.0f}s left  {tail:<30}")
        self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar so that a message can be printed; the next step draws it again."""
        if self.shown:
            self.stream.write("\r" + " " * (WIDTH + 80) + "\r")
            self._last = 0.0

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (WIDTH + 80) + "\r")
            self.stream.flush()
