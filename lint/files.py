"""Reading and writing pages: strict decoding, line-end normalisation, atomic writes, walking
folders. Everything that touches the file system lives here (and in the CLI)."""
from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .digest import blake2b
from .records import record


def shown(path) -> str:
    """A path as printed: bytes that are no UTF-8 as \\xNN, control and bidirectional-format
    characters as \\n, \\x1b, \\u202e, so that a file name can neither forge lines of the
    output nor drive the terminal, and JSON, SARIF and HTML stay valid."""
    return _UNSAFE.sub(_escaped, path if isinstance(path, str) else os.fsdecode(path))


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(m: re.Match) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that was no UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


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

    def with_ends(self, text: str, origin: Sequence[int] | None = None) -> str:
        """`text` with the page's own line ends: a line end that came from the page (`origin`
        maps each character of `text` to its offset in the page, -1 if new) keeps its kind; new
        ones take the page's most common kind."""
        if self.ends is not None and origin is not None:
            return _restore_ends(self.text, text, origin, self.ends, self.newline)
        if self.newline != "\n":
            return text.replace("\n", self.newline)
        return text

    def encode(self, text: str, origin: Sequence[int] | None = None) -> bytes:
        """The bytes of `text` with the page's own line ends (with_ends)."""
        text = self.with_ends(text, origin)
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
        wide = wide_encoding(data)
        if wide:  # a page, in an encoding of two or four bytes a character: never skipped silently
            raise PageError(f"{shown(name)}: encoded as {wide}, not {encoding.upper()}: pass --encoding "
                            f"{wide.split()[0].lower()} (or convert it to UTF-8); nothing was written")
        raise PageSkipped(f"{shown(name)}: skipped: contains NUL bytes (not a text page)")
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
        raise PageError(f"{shown(name)}: not valid {encoding.upper()} (byte 0x{data[e.start]:02x} at offset "
                        f"{e.start}){hint}; nothing was written") from None
    except LookupError:
        raise PageError(f"unknown encoding '{encoding}'") from None
    return split_line_ends(text)


def split_line_ends(text: str) -> tuple[str, str, list[str] | None]:
    """Text with any line ends to (text with "\\n" line ends, the most common line end, each
    line's end if they are mixed)."""
    if "\r" not in text:
        return text, "\n", None
    ends = _LINE_END.findall(text)
    kinds = set(ends)
    newline = max(sorted(kinds), key=ends.count)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline, (ends if len(kinds) > 1 else None)


_LINE_END = re.compile(r"\r\n|\r|\n")
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with a byte-order mark)"),
         (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with a byte-order mark)"),
         (b"\xff\xfe", "UTF-16 (little-endian, with a byte-order mark)"),
         (b"\xfe\xff", "UTF-16 (big-endian, with a byte-order mark)"))


def wide_encoding(data: bytes) -> str:
    """The UTF-16 or UTF-32 that `data` is written in, by its byte-order mark or, without one, by
    text whose every other byte is NUL (ASCII in UTF-16); '' if neither."""
    for bom, what in _BOMS:
        if data.startswith(bom):
            return what
    if len(data) >= 8 and len(data) % 2 == 0:
        for half, what in ((data[1::2], "UTF-16 (little-endian, no byte-order mark)"),
                           (data[0::2], "UTF-16 (big-endian, no byte-order mark)")):
            if half.count(0) >= 0.9 * len(half):
                return what
        try:
            data.decode("utf-8")
            return ""  # valid UTF-8 with NUL bytes in it: no text page
        except UnicodeDecodeError:
            pass
        for codec, what in (("utf-16-le", "UTF-16 (little-endian, no byte-order mark)"),
                            ("utf-16-be", "UTF-16 (big-endian, no byte-order mark)")):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if not any(c < " " and c not in "\n\r\t" for c in text):
                return what  # Chinese text: NUL only in the line ends' and digits' high bytes
    return ""


MAX_MB = 64  # a larger file is a dump of many pages: refused (exit 2), never an out-of-memory crash


class PageTooLarge(PageError):
    """A file over the size limit (--max-file-mb)."""


def too_large(name: str, size: int, max_mb: float) -> PageTooLarge:
    return PageTooLarge(f"{shown(name)}: {size / 1e6:.1f} MB, over the limit of {max_mb:g} MB a page file may have "
                        f"(--max-file-mb); such a file holds many pages: split it, one file per page, "
                        f"or raise the limit (memory grows with the file)")


def read_page(path: Path, encoding: str = "utf-8", max_mb: float = MAX_MB) -> Page:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise PageError(f"{shown(path)}: not a regular file")
        if max_mb and st.st_size > max_mb * 1e6:
            raise too_large(str(path), st.st_size, max_mb)
        data = path.read_bytes()
    except OSError as e:
        raise PageError(f"{shown(path)}: cannot read: {e.strerror or e}") from None
    text, newline, ends = decode(data, encoding, str(path))
    return Page(path, text, newline, encoding, ends, _digest(data))


TEMP_SUFFIX = ".newslint-tmp"


def write_page(page: Page, text: str, origin: Sequence[int] | None = None) -> None:
    """Write the fixed page so that nothing an editor saves meanwhile is lost, and keep what the
    page is besides its text.

    The new text goes to a temporary file beside the page (flushed, `fsync`ed, with the page's
    mode, owner, group and extended attributes), which then trades places with the page in one
    atomic step (`renameat2` RENAME_EXCHANGE): the page's path never stands empty. The text it
    traded places with must be the text that was checked; if an editor saved in between, the
    two trade back, the save stays, and PageChanged says so. A symbolic link is kept and its
    target written. A page with other hard links is not written (replacing it would split them),
    nor one whose owner or extended attributes cannot be kept. Where the file system cannot
    exchange two names, the page is compared once more and renamed over."""
    assert page.path is not None
    path = page.path.resolve() if page.path.is_symlink() else page.path
    data = page.encode(text, origin)
    changed = PageChanged(f"{shown(page.path)}: changed on disk while it was being checked; not written "
                          f"(run again to fix the new text)")
    try:
        st = path.stat()
        now = path.read_bytes()
        if page.digest and _digest(now) != page.digest:
            if now == data:
                return  # another run wrote this very fix meanwhile: nothing to do, nothing lost
            raise changed
        if st.st_nlink > 1:
            raise PageError(f"{shown(page.path)}: has {st.st_nlink} hard links, which replacing it would split "
                            f"(the other names would keep the old text); not written")
        remove_stale_temporaries(path.parent)
        import tempfile  # only a run that writes pays for it (it imports random, shutil...)

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            _keep_attributes(path, tmp, st, page)
            if _exchange(tmp, path):
                # tmp now names what stood at the page's path: the text checked, unless a save came
                # in (a fix another run wrote, identical to this one, is no save to keep)
                displaced = Path(tmp).read_bytes()
                if page.digest and _digest(displaced) != page.digest and displaced != data:
                    try:
                        _exchange(tmp, path)  # trade back: the save stays
                    except OSError as e:
                        # the save is under the temporary name, which a later run sweeps away: keep it
                        where = tmp
                        with contextlib.suppress(OSError):
                            os.rename(tmp, path.with_name(path.name + ".saved-during-fix"))
                            where = path.with_name(path.name + ".saved-during-fix")
                        tmp = None  # never deleted: it holds the save
                        raise PageError(f"{shown(page.path)}: changed on disk while it was being fixed, and could not "
                                        f"be put back ({e.strerror}): the saved text is in {shown(where)}; the "
                                        f"page holds the fix of the text read before") from None
                    raise changed
            else:
                now = path.read_bytes()
                if page.digest and _digest(now) != page.digest and now != data:
                    raise changed
                os.replace(tmp, path)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    except OSError as e:
        raise PageError(f"{shown(page.path)}: cannot write: {e.strerror or e}; the page is unchanged") from None


def _keep_attributes(path: Path, tmp: str, st: os.stat_result, page: Page) -> None:
    """Give the new file the page's mode (a read-only page stays read-only, as with `sed -i`),
    owner and group (a fix run as root leaves the owner's page the owner's), and extended
    attributes (ACLs, labels, tags); PageError where they cannot be kept."""
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except PermissionError:
            raise PageError(f"{shown(page.path)}: belongs to user {st.st_uid}, group {st.st_gid}, which this user "
                            f"cannot give the fixed page; not written (run as its owner)") from None
        os.chmod(tmp, stat.S_IMODE(st.st_mode))  # chown clears set-id bits
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(path)
    except OSError:
        return  # a file system without extended attributes
    for name in names:
        try:
            os.setxattr(tmp, name, os.getxattr(path, name))
        except OSError as e:
            raise PageError(f"{shown(page.path)}: cannot keep its extended attribute {name} ({e.strerror}); "
                            f"not written") from None


def _exchange(a: str | Path, b: str | Path) -> bool:
    """Trade the names `a` and `b` atomically; False where the system cannot (not Linux, an old
    kernel or C library, a file system without RENAME_EXCHANGE)."""
    call = _renameat2()
    if call is None:
        return False
    if call(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
        return True
    import ctypes
    import errno

    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


@lru_cache(maxsize=1)
def _renameat2():
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    call.restype = ctypes.c_int
    return call


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


def git_ignored(paths: list[Path], folder: Path) -> set[Path]:
    """Which of `paths` (found under `folder`) git ignores (.gitignore, .git/info/exclude, the
    user's excludes file), asked of git itself in one call, so that its rules hold exactly; none
    outside a git work tree or without git."""
    if not paths:
        return set()
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return set()
    try:
        proc = subprocess.run([git, "check-ignore", "--stdin", "-z"], cwd=folder, capture_output=True,
                              input=b"\0".join(os.fsencode(os.path.relpath(p, folder)) for p in paths), timeout=120)
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    return {(folder / os.fsdecode(name)) for name in proc.stdout.split(b"\0") if name}


SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet")  # files of records (lint/shards.py)


def shard_suffix(path: str | os.PathLike) -> str | None:
    """The shard format of a file by its name (.jsonl, .jsonl.gz, .jsonl.zst, .parquet), or None."""
    name = os.fspath(path).lower()
    for suffix in SHARD_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return None


def is_shard(path: str | os.PathLike) -> bool:
    """Whether a file holds records, one page each (JSONL, Parquet), by its name."""
    return shard_suffix(path) is not None


def split_record_name(name: str) -> tuple[str, str | None]:
    """(shard, record id) of a record's name SHARD#ID (lint/shards.py); (name, None) for a page."""
    low = name.lower()
    for suffix in SHARD_SUFFIXES:
        at = low.find(suffix + "#")
        if at != -1:
            cut = at + len(suffix)
            return name[:cut], name[cut + 1:]
    return name, None


SIDECAR = ".newslint.json"  # part-00.fixed.jsonl.newslint.json: what a fixed shard was made from


def is_fixed_shard(path: Path) -> bool:
    """Whether a file is a fixed copy of a shard that a fix run wrote (lint/shards.py), known by
    its sidecar: found in a folder it is no page to check (or fix) again."""
    return is_shard(path) and path.with_name(path.name + SIDECAR).is_file()


def is_txt(path: Path) -> bool:
    return path.name.endswith(".txt")


def collect(paths: list[str], is_excluded: Callable[[Path], bool], follow_symlinks: bool = False,
            problems: list[str] | None = None, skipped: list[str] | None = None,
            respect_gitignore: bool = True, is_page: Callable[[Path], bool] = is_txt) -> Iterator[Path]:
    """Files named on the command line, and the pages (`is_page`: the config's `include`) under
    named folders that git does not ignore (unless not `respect_gitignore`), sorted, each once.
    Excluded paths are dropped
    even when named (pre-commit names every file). Under a
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
                    path = Path(root) / f
                    if not is_page(path):
                        continue
                    if not path.is_file() and path.exists():  # a named pipe, a device: reading could block
                        if skipped is not None:
                            skipped.append(f"{shown(path)}: skipped: not a regular file")
                        continue
                    if path.is_symlink() and not follow_symlinks and not _inside(path, top):
                        if skipped is not None:
                            skipped.append(f"{shown(path)}: skipped: a symbolic link out of {shown(arg)} "
                                           f"(--follow-symlinks to check it)")
                        continue
                    found.append(path)
            # a folder named that git ignores itself (build/, bench/out/) is meant: only what git
            # ignores below a named folder is left out
            ignored = git_ignored([p, *found], p) if respect_gitignore and found else set()
            if p in ignored:  # one question to git: the folder itself, then its pages
                ignored = set()
            if ignored and len(ignored) == len(found):
                if skipped is not None:
                    skipped.append(f"{shown(arg)}: every page under it is ignored by git "
                                   f"(--no-respect-gitignore checks them)")
                continue
            found = [f for f in found if f not in ignored]
            candidates = sorted(found)
            if not found and problems is not None:
                other = sorted({f.rsplit(".", 1)[-1] for _, _, fs in os.walk(p) for f in fs if "." in f})[:5]
                hint = (f" (it holds files with .{', .'.join(other)}: `include` in the config says "
                        f"which files are pages)") if other else ""
                problems.append(f"{shown(arg)}: no pages found: no file under it matches `include` "
                                f"(default *.txt){hint}")
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


def changed_since(rev: str, paths: list[str], is_page: Callable[[Path], bool] = is_txt) -> list[str]:
    """The pages (`is_page`) under `paths` added or changed since git revision `rev`, and
    untracked ones (not ignored), as paths relative to the current folder: what a pull request
    brings."""
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
        if path.is_file() and is_page(Path(os.path.relpath(path))):
            out.add(os.path.relpath(path))
    return sorted(out)
