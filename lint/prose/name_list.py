"""The editors' name lists (names.yaml): canonical spellings, roles, known wrong spellings.

Kept apart from the rules so that loading a configuration can check the lists without loading
the name finder or the word list.
"""
from __future__ import annotations

from pathlib import Path

from lint.data import load_yaml
from lint.rule import ConfigError, did_you_mean
from lint.records import record


ENTRY_KEYS = ("name", "role", "source", "wrong")


@record(frozen=True)
class NameList:
    canonical: dict[str, str]  # name -> role ('' when none)
    wrong: dict[str, str]  # wrong spelling -> canonical

    @classmethod
    def load(cls, paths) -> NameList:
        canonical: dict[str, str] = {}
        wrong: dict[str, str] = {}
        for path in paths:
            try:
                if not Path(path).is_file():  # never a pipe or a device: reading could block or never end
                    raise ConfigError(f"{path}: a name list must be a regular file")
                data = load_yaml(Path(path).read_text(encoding="utf-8")) or {}
            except OSError as e:
                raise ConfigError(f"{path}: cannot read the name list ({e.strerror})") from None
            except (ValueError, RecursionError) as e:  # undecodable bytes, nesting
                raise ConfigError(f"{path}: cannot read the name list ({e})") from None
            except Exception as e:  # a YAML error: yaml is loaded by now
                import yaml

                if not isinstance(e, yaml.YAMLError):
                    raise
                raise ConfigError(f"{path}: invalid YAML in the name list: {getattr(e, 'problem', None) or e}") from None
            entries = data.get("names", []) if isinstance(data, dict) else None
            if not isinstance(entries, list):
                raise ConfigError(f"{path}: a name list is a mapping with a list under 'names'")
            for key in data:
                if key != "names":
                    raise ConfigError(f"{path}: unknown key '{key}'" + did_you_mean(str(key), ["names"]))
            for n, entry in enumerate(entries, 1):
                if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                    raise ConfigError(f"{path}: entry {n} of 'names' needs a 'name'")
                for key in entry:
                    if key not in ENTRY_KEYS:
                        raise ConfigError(f"{path}: entry {n} of 'names' ({entry['name']}): unknown key '{key}'"
                                          + did_you_mean(str(key), list(ENTRY_KEYS)))
                name = entry["name"].strip()
                canonical[name] = str(entry.get("role") or "")
                for w in entry.get("wrong") or ():
                    wrong[str(w).strip()] = name
        return cls(canonical, wrong)
