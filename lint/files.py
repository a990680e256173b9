"""Reading and writing pages: strict decoding, line-end normalisation, atomic writes, walking
folders. Everything that touches the file system lives here (and in the CLI)."""
from __future__ import annotations

import contextlib
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .digest import blake2b
from .records import record


class PageError(Exception):
    """A page that cannot be read or written; the run exits 2."""


class PageSkipped(Exception):
    """A file that is not a text page (NUL bytes): skipped with a message."""


class PageChanged(PageError):
    """A page that changed on disk while it was being checked: not written."""


@record
class Page:
    path: Path | None  # None for standard input
    text: str  # decoded, line ends normalised to "\n"
    newline: str  # the line end to write back: "\n", "\r\n" or "\r" (the page's most common one)
    encoding: str
    ends: list[str] | None = None  # a page with mixed line ends: the end of each of its lines
    digest: bytes = b""  # of the bytes as read: a page that changed on disk is not overwritten

    def encode(self, text: str, origin: Sequence[int] | None = None) -> bytes:
        """The bytes of `text` with the page's own line ends: a line end that came from the page
        (`origin` maps each character of `text` to its offset in the page, -1 if new) keeps
        its kind; new ones take the page's most common kind."""
        if self.ends is not None and origin is not None:
            text = _restore_ends(self.text, text, origin, self.ends, self.newline)
        elif self.newline != "\n":
            text = text.replace("\n", self.newline)
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as e:
            raise PageError(f"{self.path or '-'}: the fixed text has '{e.object[e.start:e.end]}', which "
                            f"{self.encoding.upper()} cannot encode; nothing was written") from None


def _restore_ends(old: str, new: str, origin: Sequence[int], ends: list[str], default: str) -> str:
    rank: dict[int, int] = {}  # offset of each "\n" of the page -> its line number
    i = old.find("\n")
    while i != -1:
        rank[i] = len(rank)
        i = old.find("\n", i + 1)
    parts, pos = [], 0
    i = new.find("\n")
    while i != -1:
        parts.append(new[pos:i])
        o = origin[i]
        parts.append(ends[rank[o]] if o >= 0 and o in rank else default)
        pos = i + 1
        i = new.find("\n", pos)
    parts.append(new[pos:])
    return "".join(parts)


def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def decode(data: bytes, encoding: str, name: str) -> tuple[str, str, list[str] | None]:
    """Bytes to (text with "\\n" line ends, the most common line end, each line's end if they
    are mixed). A BOM stays in the text as U+FEFF."""
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
    if "\r" not in text:
        return text, "\n", None
    ends = _LINE_END.findall(text)
    kinds = set(ends)
    newline = max(sorted(kinds), key=ends.count)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline, (ends if len(kinds) > 1 else None)


_LINE_END = re.compile(r"\r\n|\r|\n")


MAX_MB = 64  # a larger file is a dump of many pages: refused (exit 2), never an out-of-memory crash


class PageTooLarge(PageError):
    """A file over the size limit (--max-file-mb)."""


def too_large(name: str, size: int, max_mb: float) -> PageTooLarge:
    return PageTooLarge(f"{name}: {size / 1e6:.1f} MB, over the limit of {max_mb:g} MB a page file may have "
                        f"(--max-file-mb); such a file holds many pages: split it, one file per page, "
                        f"or raise the limit (memory grows with the file)")


def read_page(path: Path, encoding: str = "utf-8", max_mb: float = MAX_MB) -> Page:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise PageError(f"{path}: not a regular file")
        if max_mb and st.st_size > max_mb * 1e6:
            raise too_large(str(path), st.st_size, max_mb)
        data = path.read_bytes()
    except OSError as e:
        raise PageError(f"{path}: cannot read: {e.strerror or e}") from None
    text, newline, ends = decode(data, encoding, str(path))
    return Page(path, text, newline, encoding, ends, _digest(data))


TEMP_SUFFIX = ".newslint-tmp"


def write_page(page: Page, text: str, origin: Sequence[int] | None = None) -> None:
    """Write atomically: a temporary file beside the page, then rename over it, mode kept (as
    `sed -i` does, a read-only page in a writable folder is fixed and stays read-only; a folder
    that cannot be written is an error). A symbolic link is kept and its target written. A page
    that changed on disk since it was read is not written."""
    assert page.path is not None
    path = page.path.resolve() if page.path.is_symlink() else page.path
    data = page.encode(text, origin)
    try:
        if page.digest and _digest(path.read_bytes()) != page.digest:
            raise PageChanged(f"{page.path}: changed on disk while it was being checked; not written "
                              f"(run again to fix the new text)")
        mode = stat.S_IMODE(path.stat().st_mode)  # kept: a read-only page stays read-only
        remove_stale_temporaries(path.parent)
        import tempfile  # only a run that writes pays for it (it imports random, shutil...)

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
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
        raise PageError(f"{page.path}: cannot write: {e.strerror or e}; the page is unchanged") from None


_swept: set[Path] = set()


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary files a killed fix run left in `folder` (named after the process that
    made them; those of a run still going are left alone). Once per folder and process."""
    if folder in _swept:
        return
    _swept.add(folder)
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        try:
            pid = int(name[:-len(TEMP_SUFFIX)].rsplit(".", 2)[-2])
        except (ValueError, IndexError):
            continue
        if pid != os.getpid() and not _alive(pid):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def collect(paths: list[str], is_excluded: Callable[[Path], bool], follow_symlinks: bool = False,
            problems: list[str] | None = None, skipped: list[str] | None = None) -> Iterator[Path]:
    """Files named on the command line, and the *.txt files under named folders, sorted, each
    once. Excluded paths are dropped even when named (pre-commit names every file). Under a
    folder, a symbolic link that leads out of that folder is skipped (noted in `skipped`) unless
    `follow_symlinks`; linked folders are not entered. A folder that cannot be read is noted
    in `problems` and the rest is still collected."""
    seen: set[Path] = set()
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = []
            top = p.resolve()

            def unreadable(e: OSError) -> None:
                if problems is not None:
                    problems.append(f"{e.filename}: cannot read folder: {e.strerror or e}")

            for root, dirs, files in os.walk(p, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not is_excluded(Path(root) / d))
                for f in files:
                    if not f.endswith(".txt"):
                        continue
                    path = Path(root) / f
                    if not path.is_file() and path.exists():  # a named pipe, a device: reading could block
                        if skipped is not None:
                            skipped.append(f"{path}: skipped: not a regular file")
                        continue
                    if path.is_symlink() and not follow_symlinks and not _inside(path, top):
                        if skipped is not None:
                            skipped.append(f"{path}: skipped: a symbolic link out of {arg} "
                                           f"(--follow-symlinks to check it)")
                        continue
                    found.append(path)
            candidates = sorted(found)
        elif p.exists():
            candidates = [p]
        else:
            raise PageError(f"{arg}: no such file or directory")
        for c in candidates:
            try:
                key = c.resolve() if c.is_symlink() else real_folder(c.parent) / c.name
            except (OSError, RuntimeError):  # RuntimeError: a loop of links
                if problems is None:
                    raise PageError(f"{c}: cannot read: a loop of symbolic links") from None
                problems.append(f"{c}: cannot read: a loop of symbolic links")
                continue
            if key in seen or is_excluded(c):
                continue
            seen.add(key)
            yield c


@lru_cache(maxsize=4096)
def real_folder(folder: Path) -> Path:
    """A folder's real path, resolved once per run (a run asks about every page's folder)."""
    return folder.resolve()


def _inside(path: Path, folder: Path) -> bool:
    """Whether a link leads to a file inside `folder`; a broken link or a loop counts as inside
    (reading it fails with a message naming it)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return True
    return target.is_relative_to(folder)


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
