"""Configuration: rule packs (YAML in rules/), user configs (.newslint.yaml or [tool.newslint] in
pyproject.toml), `extends`, rule selection, severities and options, per-file ignores, excludes.

A config file is a mapping with these keys (all optional):

    extends: [default]              # packs by name (rules/NAME.yaml) or path; default: [default]
    select: [spacing, SPC007]       # codes, code prefixes, names, categories or ALL
    extend-select: [...]            # added to the selection of the packs extended
    ignore: [SPC001]
    fail-on: warning                # info | warning | error
    rules:                          # per rule, by code or name
      SPC009: {policy: one, severity: error}
      trailing-whitespace: warning  # a severity alone
    per-file-ignores: {"archive/**": [spacing]}
    include: ["*.txt"]              # which files in a folder are pages (the default); replaces the packs'
    exclude: ["drafts/**"]
    corpus: [seeds/]                # pages cross-page rules read even when given only some files
    names: [rules/names.yaml]       # the editors' name lists (canonical and wrong spellings)
    custom-rules: [...]             # house rules in YAML (see lint/custom.py)
    layout: {headline-max-length: 40, labels: [今日关注]}
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable


from .custom import build_custom_rule
from .data import LineMap, load_yaml, packs_dir
from .files import real_folder
from .finding import CATEGORIES, Severity
from .layout import Layout
from .registry import builtin_rules
from .rule import ConfigError, Rule, did_you_mean
from .records import field, record, replace

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
KEYS = ("extends", "select", "extend-select", "ignore", "fail-on", "rules", "per-file-ignores",
        "include", "exclude", "corpus", "names", "custom-rules", "layout")
PAGES = ("*.txt",)  # the files of a folder that are pages, unless `include` says otherwise


@record(frozen=True)
class Config:
    path: Path | None  # the user's config file; None when only the bundled default applies
    root: Path  # globs in per-file-ignores, include and exclude are relative to this folder
    select: tuple[str, ...]
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    rule_settings: dict[str, dict] = field(default_factory=dict)  # code -> {severity?, options}
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = PAGES
    corpus: tuple[Path, ...] = ()
    names: tuple[Path, ...] = ()
    custom: dict[str, type[Rule]] = field(default_factory=dict)
    layout_overrides: dict = field(default_factory=dict)
    custom_on: bool = True  # house rules run unless --select names the rules (ruff's --select replaces all)

    # -- rules ------------------------------------------------------------------------------

    @property
    def catalogue(self) -> dict[str, type[Rule]]:
        """Every rule known to this config: built-in and custom, by code."""
        return {**builtin_rules(), **self.custom}

    def with_cli(self, select=None, extend_select=None, ignore=None, fail_on=None) -> Config:
        """Command-line selection: --select replaces, --extend-select and --ignore add."""
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = tuple(select)
            changes["extend_select"] = ()
            changes["custom_on"] = False  # only what --select names, house rules included
        if extend_select:
            changes["extend_select"] = tuple(changes.get("extend_select", self.extend_select)) + tuple(extend_select)
        if ignore:
            changes["ignore"] = self.ignore + tuple(ignore)
        if fail_on is not None:
            changes["fail_on"] = Severity(fail_on)
        new = replace(self, **changes)
        for selector in (*new.select, *new.extend_select, *new.ignore):
            new._check_selector(selector, "command line")
        return new

    def selected_codes(self, extra_ignores: Iterable[str] = ()) -> tuple[str, ...]:
        catalogue = self.catalogue
        chosen = {code for code, rule in catalogue.items() if any(_selects(s, rule) for s in self.select)}
        chosen |= {code for code, rule in self.custom.items() if self.custom_on and getattr(rule, "default_enabled", True)}
        chosen |= {code for code, rule in catalogue.items() if any(_selects(s, rule) for s in self.extend_select)}
        ignores = (*self.ignore, *extra_ignores)
        chosen -= {code for code, rule in catalogue.items() if any(_selects(s, rule) for s in ignores)}
        return tuple(sorted(chosen))

    def rules_for(self, path: Path | None = None) -> list[Rule]:
        """The configured rule instances that apply to a page (per-file ignores applied)."""
        extra: list[str] = []
        if path is not None and self.per_file_ignores:
            rel = _relative(path, self.root)
            for pattern, selectors in self.per_file_ignores:
                if glob_match(pattern, rel):
                    extra.extend(selectors)
        return self._instantiate(self._codes(tuple(extra)))

    def _codes(self, extra: tuple[str, ...]) -> tuple[str, ...]:
        cache = self.__dict__.setdefault("_codes_for", {})  # per-file ignores repeat: once each
        if extra not in cache:
            cache[extra] = self.selected_codes(extra)
        return cache[extra]

    def _instantiate(self, codes: tuple[str, ...]) -> list[Rule]:
        cache = self.__dict__.setdefault("_instances", {})
        if codes not in cache:
            rules = [self._build_rule(code) for code in codes]
            by_code = {rule.code: rule for rule in rules}
            for rule in rules:
                if rule.consults:
                    rule.consult({c: by_code[c] if c in by_code else self._build_rule(c) for c in rule.consults})
            cache[codes] = rules
        return cache[codes]

    def _build_rule(self, code: str) -> Rule:
        settings = dict(self.rule_settings.get(code, {}))
        severity = settings.pop("severity", None)
        return self.catalogue[code](Severity(severity) if severity else None, **settings)

    @property
    def layout(self) -> Layout:
        cache = self.__dict__.setdefault("_layout", [])
        if not cache:
            cache.append(Layout.with_overrides(self.layout_overrides))
        return cache[0]

    def is_page(self, path: Path) -> bool:
        """Whether a file found in a folder (or changed since a revision) is a page: `include`
        names it. A file named on the command line is a page whatever its name."""
        rel = _relative(path, self.root)
        return any(glob_match(pattern, rel) if "/" in pattern.strip().removeprefix("./")
                   else glob_match(pattern, path.name) for pattern in self.include)

    def is_excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        rel = _relative(path, self.root)
        return any(glob_match(pattern, rel) for pattern in self.exclude)

    def _check_selector(self, selector: str, where: str) -> None:
        catalogue = self.catalogue
        if not any(_selects(selector, rule) for rule in catalogue.values()):
            names = [*catalogue, *(r.name for r in catalogue.values()), *CATEGORIES, "ALL"]
            raise ConfigError(f"{where}: unknown rule selector '{selector}'" + did_you_mean(selector, names))


def _selects(selector: str, rule: type[Rule]) -> bool:
    if rule.opt_in:
        return selector in (rule.code, rule.name)
    if selector in ("ALL", rule.code, rule.name, rule.category):
        return True
    return selector.isupper() and selector.isalnum() and rule.code.startswith(selector)


# -- loading ------------------------------------------------------------------------------------


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Load a config file (YAML, or pyproject.toml's [tool.newslint]); None: the default pack."""
    if path is None:
        return _default_config()
    path = Path(path).resolve()
    data = _read_config_file(path)
    return _build(path, data)


@lru_cache(maxsize=1)
def _default_config() -> Config:
    return _build(None, LineMap())


def find_config(start: Path) -> Path | None:
    """The nearest .newslint.yaml, or pyproject.toml with [tool.newslint], at or above `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.newslint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


class ConfigResolver:
    """Per-file configuration for the CLI: --config for every file, else the nearest config file
    above each file (cached by folder), else the default pack."""

    def __init__(self, explicit: str | None = None, cli: dict | None = None):
        self.cli = cli or {}
        self._by_path: dict[Path | None, Config] = {}
        self._by_dir: dict[Path, Path | None] = {}
        self.explicit = self._load(Path(explicit)) if explicit else None

    def _load(self, path: Path | None) -> Config:
        if path not in self._by_path:
            config = load_config(path)
            self._by_path[path] = config.with_cli(**self.cli) if self.cli else config
        return self._by_path[path]

    def for_path(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        folder = real_folder(path.parent)
        if folder not in self._by_dir:
            self._by_dir[folder] = find_config(folder)
        return self._load(self._by_dir[folder])

    def for_cwd(self) -> Config:
        return self.explicit if self.explicit is not None else self._load(find_config(Path.cwd()))

    def custom_rules(self) -> dict[str, type[Rule]]:
        """The custom rules of every configuration loaded so far, by code."""
        return {code: rule for config in self._by_path.values() for code, rule in config.custom.items()}


def _read_config_file(path: Path) -> LineMap:
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    text = path.read_text(encoding="utf-8")
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        import tomllib
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path}: invalid TOML: {e}") from None
        data = doc.get("tool", {}).get("newslint")
        if data is None:
            raise ConfigError(f"{path}: no [tool.newslint] table")
        return _to_linemap(data)
    return _parse_yaml(path, text)


def _parse_yaml(path: Path, text: str) -> LineMap:
    try:
        data = load_yaml(text)
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    except Exception as e:
        import yaml  # only a text the cache did not hold was parsed: yaml is loaded by now

        if not isinstance(e, yaml.YAMLError):
            raise
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(e, "problem", None) or str(e)
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    if data is None:
        return LineMap()
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a config must be a mapping of keys, not {type(data).__name__}")
    return data if isinstance(data, LineMap) else _to_linemap(data)


def _to_linemap(data: dict) -> LineMap:
    out = LineMap(data)
    return out


def _where(path: Path | None, data: LineMap, key: Any = None) -> str:
    name = str(path) if path else "<default>"
    line = data.lines.get(key) if key is not None and isinstance(data, LineMap) else None
    return f"{name}:{line}" if line else name


NOT_PACKS = ("layout", "names")  # rules/ files that are no rule packs (the layout vocabulary, a name list)


def _pack_path(ref: str, base: Path | None) -> Path:
    if "/" in ref or ref.endswith((".yaml", ".yml")):
        return ((base.parent if base else Path.cwd()) / ref).resolve()
    candidate = packs_dir() / f"{ref}.yaml"
    if not candidate.is_file() or ref in NOT_PACKS:
        names = sorted(p.stem for p in packs_dir().glob("*.yaml") if p.stem not in NOT_PACKS)
        raise ConfigError(f"unknown pack '{ref}'" + did_you_mean(ref, names)
                          + f"; bundled packs: {', '.join(names)}")
    return candidate


@record
class _Layer:
    """One config file's own keys, validated, in the order `extends` puts them."""

    path: Path | None
    data: LineMap


MAX_EXTENDS_DEPTH = 32  # packs extending packs: a real chain is two or three deep


def _layers(path: Path | None, data: LineMap, stack: tuple[Path, ...],
            read: dict[Path, list[_Layer]] | None = None) -> list[_Layer]:
    """The packs a config extends, depth first, then the config itself. A user's config extends
    `default` unless it says otherwise; a pack extends nothing unless it says so. Each pack is read
    and resolved once however many packs extend it (a pack reached again is not applied again),
    and a chain deeper than MAX_EXTENDS_DEPTH is an error."""
    read = {} if read is None else read
    _check_keys(path, data)
    extends = data.get("extends", [] if stack else ["default"])
    if isinstance(extends, str):
        extends = [extends]
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise ConfigError(f"{_where(path, data, 'extends')}: 'extends' must be a pack name or a list of them")
    here = (*stack, path) if path else (*stack, Path("<config>"))
    if len(here) > MAX_EXTENDS_DEPTH:
        raise ConfigError(f"{_where(path, data, 'extends')}: packs extend packs more than {MAX_EXTENDS_DEPTH} "
                          f"levels deep (from {here[0]})")
    layers: list[_Layer] = []
    for ref in extends:
        try:
            pack = _pack_path(ref, path)
        except ConfigError as e:
            raise ConfigError(f"{_where(path, data, 'extends')}: {e}") from None
        if pack in here:
            chain = " -> ".join(str(p) for p in (*here, pack))
            raise ConfigError(f"{_where(path, data, 'extends')}: a pack extends itself ({chain})")
        if pack not in read:
            read[pack] = _layers(pack, _read_config_file(pack), here, read)
        layers += read[pack]
    layers.append(_Layer(path, data))
    unique: list[_Layer] = []
    for layer in layers:  # a pack that two packs extend is applied once, where it first comes
        if not any(layer is u for u in unique):
            unique.append(layer)
    return unique


MAX_NAMES_MB = 16  # a name list is a few thousand lines


def _names_path(path: Path | None, data: LineMap, names: Path) -> Path:
    """A name list must be a regular file of sensible size (/dev/zero would be read forever, a
    named pipe would block the run)."""
    import stat

    try:
        st = names.stat()
    except OSError as e:
        raise ConfigError(f"{_where(path, data, 'names')}: names: {names}: {e.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(f"{_where(path, data, 'names')}: names: {names} is not a regular file")
    if st.st_size > MAX_NAMES_MB * 1e6:
        raise ConfigError(f"{_where(path, data, 'names')}: names: {names} is {st.st_size / 1e6:.0f} MB, "
                          f"over the {MAX_NAMES_MB} MB a name list may have")
    return names


def _corpus_path(path: Path | None, data: LineMap, corpus: Path) -> Path:
    """A corpus is a folder of pages or a page; the root of the file system is neither (its walk
    would read every text file of the machine). A path that does not exist yet is allowed (a
    folder of pages the run will create), and so is nothing else."""
    import stat

    if corpus == Path(corpus.anchor):
        raise ConfigError(f"{_where(path, data, 'corpus')}: corpus: {corpus} is the root of the file system; "
                          f"name the folder of pages")
    try:
        mode = corpus.stat().st_mode
    except FileNotFoundError:
        return corpus
    except OSError as e:
        raise ConfigError(f"{_where(path, data, 'corpus')}: corpus: {corpus}: {e.strerror}") from None
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise ConfigError(f"{_where(path, data, 'corpus')}: corpus: {corpus} is neither a folder nor a page")
    return corpus


def _check_keys(path: Path | None, data: LineMap) -> None:
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{_where(path, data, key)}: unknown key '{key}'" + did_you_mean(str(key), KEYS))


def _string_list(path, data, key) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError(f"{_where(path, data, key)}: '{key}' must be a list of strings")
    return tuple(str(v) for v in value)


def _build(path: Path | None, data: LineMap) -> Config:
    layers = _layers(path, data, ())
    root = path.parent if path else Path.cwd()
    select: tuple[str, ...] = ()
    extend_select: list[str] = []
    ignore: list[str] = []
    fail_on = Severity.WARNING
    rule_entries: list[tuple[Path | None, LineMap, Any, Any]] = []
    per_file: list[tuple[str, tuple[str, ...]]] = []
    exclude: list[str] = []
    include = PAGES
    corpus: list[Path] = []
    names: list[Path] = []
    custom: dict[str, type[Rule]] = {}
    layout: dict = {}
    taken = set(builtin_rules())
    for layer in layers:
        p, d = layer.path, layer.data
        base = p.parent if p else Path.cwd()
        if "select" in d:
            select = _string_list(p, d, "select")
            extend_select = []
        extend_select += _string_list(p, d, "extend-select")
        ignore += _string_list(p, d, "ignore")
        if "fail-on" in d:
            try:
                fail_on = Severity(d["fail-on"])
            except ValueError:
                raise ConfigError(f"{_where(p, d, 'fail-on')}: 'fail-on' must be info, warning or error") from None
        rules = d.get("rules", {})
        if not isinstance(rules, dict):
            raise ConfigError(f"{_where(p, d, 'rules')}: 'rules' must be a mapping of rule → settings")
        for key, value in rules.items():
            rule_entries.append((p, rules if isinstance(rules, LineMap) else LineMap(rules), key, value))
        pfi = d.get("per-file-ignores", {})
        if not isinstance(pfi, dict):
            raise ConfigError(f"{_where(p, d, 'per-file-ignores')}: 'per-file-ignores' must map globs to rule lists")
        for pattern, selectors in pfi.items():
            if isinstance(selectors, str):
                selectors = [selectors]
            if not isinstance(selectors, list):
                raise ConfigError(f"{_where(p, d, 'per-file-ignores')}: per-file-ignores['{pattern}'] must be a list")
            per_file.append((str(pattern), tuple(str(s) for s in selectors)))
        exclude += _string_list(p, d, "exclude")
        if "include" in d:
            include = _string_list(p, d, "include")
            if not include or not all(g.strip() for g in include):
                raise ConfigError(f"{_where(p, d, 'include')}: 'include' must list at least one glob "
                                  f"(the files that are pages, as [\"*.txt\"])")
        corpus += [_corpus_path(p, d, (base / c).resolve()) for c in _string_list(p, d, "corpus")]
        names += [_names_path(p, d, (base / c).resolve()) for c in _string_list(p, d, "names")]
        defs = d.get("custom-rules", [])
        if not isinstance(defs, list):
            raise ConfigError(f"{_where(p, d, 'custom-rules')}: 'custom-rules' must be a list of rule definitions")
        for spec in defs:
            line = spec.line if isinstance(spec, LineMap) else None
            where = f"{p or '<default>'}:{line}" if line else _where(p, d, "custom-rules")
            rule = build_custom_rule(spec, where, taken)
            taken.add(rule.code)
            custom[rule.code] = rule
        lay = d.get("layout", {})
        if not isinstance(lay, dict):
            raise ConfigError(f"{_where(p, d, 'layout')}: 'layout' must be a mapping")
        layout.update(lay)
    config = Config(path, root, select, tuple(extend_select), tuple(ignore), fail_on, {},
                    tuple(per_file), tuple(exclude), include, tuple(corpus), tuple(names), custom, layout)
    config = replace(config, rule_settings=_rule_settings(config, rule_entries))
    if names:
        from .prose.name_list import NameList
        NameList.load(names)  # a broken name list fails now, with its file and entry named
    for layer in layers:
        for key in ("select", "extend-select", "ignore"):
            for selector in _string_list(layer.path, layer.data, key):
                config._check_selector(selector, _where(layer.path, layer.data, key))
        for pattern, selectors in layer.data.get("per-file-ignores", {}).items():
            for selector in ([selectors] if isinstance(selectors, str) else selectors):
                config._check_selector(str(selector), _where(layer.path, layer.data, "per-file-ignores"))
    if layout:
        try:
            config.layout.compile_patterns()  # a bad vocabulary fails at load time
        except Exception as e:  # noqa: BLE001
            raise ConfigError(f"{path}: bad 'layout' settings: {e}") from None
    return config


def _rule_settings(config: Config, entries) -> dict[str, dict]:
    catalogue = config.catalogue
    by_name = {rule.name: code for code, rule in catalogue.items()}
    settings: dict[str, dict] = {}
    for path, table, key, value in entries:
        where = _where(path, table, key)
        code = key if key in catalogue else by_name.get(key)
        if code is None:
            raise ConfigError(f"{where}: unknown rule '{key}'"
                              + did_you_mean(str(key), [*catalogue, *by_name]))
        if isinstance(value, str):
            value = {"severity": value}
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: settings of {code} must be a severity or a mapping")
        merged = {**settings.get(code, {}), **value}
        if "severity" in merged:
            try:
                merged["severity"] = Severity(merged["severity"]).value
            except ValueError:
                raise ConfigError(f"{where}: severity of {code} must be info, warning or error") from None
        try:  # validate the options now, where the file and line are known
            options = {k: v for k, v in merged.items() if k != "severity"}
            catalogue[code](None, **options)
        except ConfigError as e:
            raise ConfigError(f"{where}: {e}") from None
        settings[code] = merged
    return settings


# -- paths ----------------------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    absolute = real_folder(path.parent) / path.name if not path.is_absolute() else path
    try:
        return absolute.relative_to(real_folder(root)).as_posix()
    except ValueError:
        return absolute.as_posix()



@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out) + "(?:/.*)?$")


def glob_match(pattern: str, rel_path: str) -> bool:
    """Gitignore-like: `*` stays within a folder, `**` crosses folders, a pattern without '/'
    matches the file name or any folder name; a folder pattern matches everything below it."""
    pattern = pattern.strip().removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        parts = rel_path.split("/")
        rx = _glob_regex(pattern.rstrip("/"))
        return any(rx.match(part) for part in parts)
    return bool(_glob_regex(pattern.rstrip("/")).match(rel_path))
