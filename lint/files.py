"""Reading and writing pages: strict decoding, line-end normalisation, atomic writes, walking
folders. Everything that touches the file system lives here (and in the CLI)."""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator


class PageError(Exception):
    """A page that cannot be read or written; the run exits 2."""


class PageSkipped(Exception):
    """A file that is not a text page (NUL bytes): skipped with a message."""


@dataclass
class Page:
    path: Path | None  # None for standard input
    text: str  # decoded, line ends normalised to "\n"
    newline: str  # the line end to write back: "\n", "\r\n" or "\r"
    encoding: str

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return text.encode(self.encoding)


def decode(data: bytes, encoding: str, name: str) -> tuple[str, str]:
    """Bytes to (text with "\\n" line ends, original line end). A BOM stays in the text as U+FEFF."""
    if b"\x00" in data and encoding.replace("-", "").lower() in ("utf8", "gb18030", "gbk", "big5"):
        raise PageSkipped(f"{name}: skipped: contains NUL bytes (not a text page)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        hint = ""
        if encoding.replace("-", "").lower() in ("utf8", "utf8sig"):
            try:
                data.decode("gb18030")
                hint = "; it decodes as GB18030: pass --encoding gb18030"
            except UnicodeDecodeError:
                pass
        raise PageError(f"{name}: not valid {encoding.upper()} (byte 0x{data[e.start]:02x} at offset "
                        f"{e.start}){hint}; nothing was written") from None
    except LookupError:
        raise PageError(f"unknown encoding '{encoding}'") from None
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline


MAX_MB = 64  # a larger file is a dump of many pages: refused (exit 2), never an out-of-memory crash


class PageTooLarge(PageError):
    """A file over the size limit (--max-file-mb)."""


def too_large(name: str, size: int, max_mb: float) -> PageTooLarge:
    return PageTooLarge(f"{name}: {size / 1e6:.1f} MB, over the limit of {max_mb:g} MB a page file may have "
                        f"(--max-file-mb); such a file holds many pages: split it, one file per page, "
                        f"or raise the limit (memory grows with the file)")


def read_page(path: Path, encoding: str = "utf-8", max_mb: float = MAX_MB) -> Page:
    try:
        if max_mb and path.stat().st_size > max_mb * 1e6:
            raise too_large(str(path), path.stat().st_size, max_mb)
        data = path.read_bytes()
    except OSError as e:
        raise PageError(f"{path}: cannot read: {e.strerror or e}") from None
    text, newline = decode(data, encoding, str(path))
    return Page(path, text, newline, encoding)


def write_page(page: Page, text: str) -> None:
    """Write atomically: a temporary file beside the page, then rename over it, mode kept."""
    assert page.path is not None
    path = page.path
    data = page.encode(text)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".newslint-tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        raise PageError(f"{path}: cannot write: {e.strerror or e}; the page is unchanged") from None


def collect(paths: list[str], is_excluded: Callable[[Path], bool]) -> Iterator[Path]:
    """Files named on the command line, and the *.txt files under named folders, sorted, each
    once. Excluded paths are dropped even when named (pre-commit names every file)."""
    seen: set[Path] = set()
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not is_excluded(Path(root) / d))
                found += [Path(root) / f for f in files if f.endswith(".txt")]
            candidates = sorted(found)
        elif p.exists():
            candidates = [p]
        else:
            raise PageError(f"{arg}: no such file or directory")
        for c in candidates:
            key = c.resolve()
            if key in seen or is_excluded(c):
                continue
            seen.add(key)
            yield c


def changed_since(rev: str, paths: list[str]) -> list[str]:
    """The *.txt files under `paths` added or changed since git revision `rev`, and untracked
    ones (not ignored), as paths relative to the current folder: what a pull request brings."""
    import subprocess

    def git(*args: str) -> list[str]:
        try:
            out = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
        except FileNotFoundError:
            raise PageError("--since needs git on PATH") from None
        except subprocess.CalledProcessError as e:
            raise PageError(f"--since {rev}: {e.stderr.strip() or 'git failed'}") from None
        return [line for line in out.stdout.split("\0") if line]

    top = Path(git("rev-parse", "--show-toplevel")[0].strip())
    where = [str(Path(p).resolve()) for p in paths]
    changed = git("diff", "--name-only", "-z", "--diff-filter=ACMR", rev, "--", *where)
    untracked = git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", *where)
    out = set()
    for name in changed + untracked:
        path = top / name
        if name.endswith(".txt") and path.is_file():
            out.add(os.path.relpath(path))
    return sorted(out)
