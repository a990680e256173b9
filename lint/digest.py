"""blake2b, the one hash newslint uses (cache keys, page digests), without hashlib's start-up:
hashlib loads OpenSSL (3 ms a run) for algorithms we never ask for."""
try:
    from _blake2 import blake2b
except ImportError:  # a Python built without its own blake2
    from hashlib import blake2b

__all__ = ["blake2b"]
