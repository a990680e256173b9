"""Cache files that only this user's newslint wrote.

A cache folder can come from elsewhere: a shared checkout, a cache restored in CI, a container
image. What it holds decides what a run reports and, in a fix run, what it writes. So every cache
file carries a keyed digest (BLAKE2b with a 32-byte secret made once per user, mode 0600, in the
user's cache folder) over its bytes, and nothing is parsed before the digest is checked: a file
made or changed without the secret is a miss, never an input to `marshal` (whose parser is not
safe against crafted bytes). A secret that is not a private regular file of this user is made
again; where none can be kept, the process uses a secret of its own (caches work for one run).
"""
from __future__ import annotations

import contextlib
import marshal
import os
import stat
from _operator import _compare_digest as compare_digest  # hmac's, without hashlib's start-up
from functools import lru_cache
from pathlib import Path

from .digest import blake2b

MAGIC = b"newslint-sealed1"
DIGEST = 32
SECRET_FILE = "secret"
SECRET_SIZE = 32


def seal(payload: bytes, key: bytes) -> bytes:
    return MAGIC + blake2b(payload, digest_size=DIGEST, key=key).digest() + payload


def unseal(data: bytes, key: bytes) -> bytes | None:
    """The payload `seal` wrapped with `key`, or None (another key, a change, not sealed)."""
    head = len(MAGIC) + DIGEST
    if len(data) < head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    expected = blake2b(payload, digest_size=DIGEST, key=key).digest()
    return payload if compare_digest(expected, data[len(MAGIC):head]) else None


def dumps(value, key: bytes) -> bytes:
    return seal(marshal.dumps(value), key)


def loads(data: bytes, key: bytes):
    """The value `dumps` wrote with `key`, or None."""
    payload = unseal(data, key)
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


@lru_cache(maxsize=None)
def user_secret(folder: Path) -> bytes:
    """The secret in `folder` (made if absent or not trustworthy), or one for this process."""
    path = Path(folder) / SECRET_FILE
    found = _read_secret(path)
    if found is not None:
        return found
    made = os.urandom(SECRET_SIZE)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{SECRET_FILE}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, made)
        finally:
            os.close(fd)
        os.replace(temp, path)
        # another process may have made one at the same moment: all use what the folder holds
        return _read_secret(path) or made
    return made


def _read_secret(path: Path) -> bytes | None:
    """The secret at `path` if it is a regular file of this user that nobody else can read or write."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != SECRET_SIZE:
            return None
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
            return None
        data = os.read(fd, SECRET_SIZE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == SECRET_SIZE else None
