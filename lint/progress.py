"""Progress on stderr for long runs: pages and MB done, the rate, the time left, and a summary
line at the end. Shown when stderr is a terminal (a bar redrawn in place; never in CI logs,
pipes or pre-commit output), or when asked (`--progress`: in a log, a line every few seconds).
Small enough not to need tqdm or rich, whose import would cost every run of the hook."""
from __future__ import annotations

import time
from typing import TextIO

WIDTH = 28
MIN_PAGES = 20  # shorter runs end before a bar would help
EVERY = 0.1  # seconds between redraws
LOG_EVERY = 10.0  # seconds between progress lines written to a log (--progress, not a terminal)


class Progress:
    """`total`: the pages expected (None when unknown: records of JSONL shards); `total_bytes`:
    the bytes of the files to read (the rate and the time left then go by bytes). `force`:
    shown even when the stream is no terminal."""

    def __init__(self, total: int | None, stream: TextIO, label: str = "pages", force: bool = False,
                 total_bytes: int | None = None):
        self.total, self.stream, self.label, self.total_bytes = total, stream, label, total_bytes
        self.done = 0
        self.done_bytes = 0
        self.live = _isatty(stream)  # redrawn in place; else one line every LOG_EVERY seconds
        self.shown = force or (self.live and (total is None or total >= MIN_PAGES))
        self._last = 0.0
        self._start = time.monotonic()
        if not self.live:
            self._last = self._start  # the first line of a log after LOG_EVERY seconds

    def step(self, name: str = "", done_bytes: int | None = None, pages: int = 1) -> None:
        """`pages` more pages done; `done_bytes`: the bytes read so far, when known."""
        self.done += pages
        if done_bytes is not None:
            self.done_bytes = done_bytes
        if not self.shown:
            return
        now = time.monotonic()
        finished = self.total is not None and self.done >= self.total
        if now - self._last < (EVERY if self.live else LOG_EVERY) and not (self.live and finished):
            return
        self._last = now
        line = self.status(now)
        if self.live:
            tail = name[-30:] if name else ""
            self.stream.write(f"\r{line}  {tail:<30}")
        else:
            self.stream.write(f"newslint: progress: {line}\n")
        self.stream.flush()

    def status(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        took = max(now - self._start, 1e-6)
        rate = self.done / took
        parts = []
        if self.total_bytes:
            share = min(1.0, self.done_bytes / self.total_bytes)
            mb_rate = self.done_bytes / 1e6 / took
            left = (self.total_bytes - self.done_bytes) / 1e6 / mb_rate if mb_rate else 0
            parts.append(f"{self.done:,}{'/' + format(self.total, ',') if self.total else ''} {self.label}")
            parts.append(f"{self.done_bytes / 1e6:,.1f}/{self.total_bytes / 1e6:,.1f} MB")
            parts.append(f"{mb_rate:.2f} MB/s")
            parts.append(f"{rate:,.0f} {self.label}/s")
        else:
            total = self.total or 0
            share = self.done / total if total else 0.0
            left = (total - self.done) / rate if rate and total else 0
            parts.append(f"{self.done}/{total} {self.label}" if total else f"{self.done} {self.label}")
            parts.append(f"{rate:.0f}/s")
        parts.append(f"{_duration(left)} left" if share < 1 else "done")
        filled = int(WIDTH * share)
        return f"[{'#' * filled}{'.' * (WIDTH - filled)}] " + "  ".join(parts)

    def clear(self) -> None:
        """Wipe the bar so that a message can be printed; the next step draws it again."""
        if self.shown and self.live:
            self.stream.write("\r" + " " * (WIDTH + 110) + "\r")
            self._last = 0.0

    def close(self) -> None:
        if self.shown and self.live:
            self.stream.write("\r" + " " * (WIDTH + 110) + "\r")
            self.stream.flush()

    def summary(self, findings: int) -> str:
        """One line for the end of the run: pages, MB, seconds, MB/s, findings."""
        took = max(time.monotonic() - self._start, 1e-6)
        size = self.done_bytes
        return (f"newslint: {self.done:,} {self.label}, {size / 1e6:,.1f} MB in {took:,.1f} s "
                f"({size / 1e6 / took:.2f} MB/s, {self.done / took:,.0f} {self.label}/s); "
                f"{findings:,} finding{'s' if findings != 1 else ''}\n")


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m"
