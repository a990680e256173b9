"""Derive the word lists in rules/words/ from third-party data in the reference corpus.

Usage (from the project root):
    python tools/derive_words.py

The sources are read in place from the reference corpus (see bench/corpus.py; NEWSLINT_CORPUS),
in its sub-folders jieba_0.42.1, names/baijiaxing_magicdawn, names/chinese-names-corpus_wainshine,
pycorrector_1.1.4 and ecspell_aopolin-lv; the outputs are written over the files in rules/words/.

- jieba-words.tsv.gz: jieba 0.42.1's dict.txt (MIT), word and frequency.
- surnames.txt: the 百家姓 list of magicdawn/baijiaxing (MIT), single and compound surnames.
- common-surnames.txt: the surnames of that list that are common (a frequency of at least 20 in
  wainshine/Chinese-Names-Corpus's surname table, Apache-2.0: about the 300 most common).
- lookalike-chars.tsv: characters that look alike (pycorrector same_stroke/xingjinzi, Apache-2.0;
  ECSpell shapeConfusion, MIT) or, among given-name characters, sound alike (pycorrector same_pinyin).
- given-name-chars.txt: characters seen in the given names of pycorrector 1.1.4's
  person_name.txt (Apache-2.0), with how many names hold each; rare ones (fewer than 2) dropped.

The derived list keeps every word and its frequency and drops the part-of-speech tags (which
newslint does not use): 349,045 entries, 1.7 MB gzipped instead of 5.1 MB. Words are sorted so
that the file is reproducible byte for byte (gzip mtime 0).
"""
from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path()
SOURCE = CORPUS / "jieba_0.42.1" / "dict.txt"
TARGET = ROOT / "rules" / "words" / "jieba-words.tsv.gz"


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    derive_jieba(SOURCE)
    derive_char_positions()
    surnames = derive_surnames(CORPUS / "names" / "baijiaxing_magicdawn" / "db.txt")
    derive_given_name_chars(CORPUS / "pycorrector_1.1.4" / "pypi_wheel_data" / "person_name.txt", surnames)
    derive_common_surnames(CORPUS / "names" / "chinese-names-corpus_wainshine" / "Chinese_Family_Name（1k）.tsv",
                           surnames)
    derive_lookalikes()
    return 0


def derive_lookalikes() -> None:
    """Characters that look alike (pycorrector's same_stroke.txt and xingjinzi.txt, Apache-2.0;
    ECSpell's shapeConfusion.tsv, MIT) and, among given-name characters, sound alike
    (pycorrector's same_pinyin.txt): the evidence that two spellings of a name are one typo apart."""
    def is_han(c: str) -> bool:
        return len(c) == 1 and "\u3400" <= c <= "\u9fff"

    shape: dict[str, set[str]] = {}
    sound: dict[str, set[str]] = {}

    def group(target, chars) -> None:
        chars = [c for c in chars if is_han(c)]
        for a in chars:
            for b in chars:
                if a != b:
                    target.setdefault(a, set()).add(b)
                    target.setdefault(b, set()).add(a)

    pyc = CORPUS / "pycorrector_1.1.4"
    for line in (pyc / "pypi_wheel_data" / "same_stroke.txt").read_text(encoding="utf-8").splitlines():
        group(shape, line.split("\t"))
    for line in (pyc / "git_history" / "xingjinzi.txt").read_text(encoding="utf-8").splitlines():
        group(shape, line.split(","))
    ecspell = CORPUS / "ecspell_aopolin-lv" / "confusion" / "shapeConfusion.tsv"
    for line in ecspell.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, alikes = line.split("\t")
            for b in alikes:
                group(shape, [char, b])
    given = set((ROOT / "rules" / "words" / "given-name-chars.txt").read_text(encoding="utf-8").split())
    for line in (pyc / "pypi_wheel_data" / "same_pinyin.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        char, *rest = line.split("\t")
        for b in "".join(rest):
            if char in given and b in given:
                group(sound, [char, b])
    target = ROOT / "rules" / "words" / "lookalike-chars.tsv"
    lines = ["# character, characters that look like it, given-name characters that sound like it:",
             "# derived by tools/derive_words.py from pycorrector 1.1.4 (Apache-2.0) and ECSpell (MIT)"]
    for c in sorted(set(shape) | set(sound)):
        lines.append(f"{c}\t{''.join(sorted(shape.get(c, ())))}\t{''.join(sorted(sound.get(c, ())))}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def derive_char_positions() -> None:
    """How often each character ends and starts the words of two or more characters that hold
    it, frequency-weighted: computed once here so that no run pays for it."""
    sys.path.insert(0, str(ROOT))
    from lint.lexicon import Lexicon, _default_lexicon
    _default_lexicon.cache_clear()
    lex = Lexicon.default()
    shares = lex.compute_position_shares()
    target = ROOT / "rules" / "words" / "char-positions.tsv"
    target.write_text("# character, share of dictionary words holding it that end with it, that start with it\n"
                      "# (derived from jieba-words.tsv.gz by tools/derive_words.py)\n"
                      + "".join(f"{c}\t{e:.4f}\t{b:.4f}\n" for c, (e, b) in sorted(shares.items())),
                      encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(shares)} characters")


def derive_surnames(source: Path) -> list[str]:
    import re
    names = []
    for entry in re.findall(r"(\w+)\s*\(", source.read_text(encoding="utf-8")):
        if entry not in names:
            names.append(entry)
    target = ROOT / "rules" / "words" / "surnames.txt"
    target.write_text("# 百家姓 (magicdawn/baijiaxing, MIT), single and compound surnames, in its order\n"
                      + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(names)} surnames")
    return names


COMMON_SURNAME_TF = 20


def derive_common_surnames(source: Path, surnames: list[str]) -> None:
    """Surnames common enough that a one-off spelling of a name can be inferred from running text:
    乌 (乌军), 有 (有次) and 国 (国庆) are surnames too, but rarely."""
    tf = {}
    for line in source.read_text(encoding="utf-8").splitlines()[1:]:
        name, freq = line.split("\t")
        tf[name] = float(freq)
    common = [s for s in surnames if tf.get(s, 0) >= COMMON_SURNAME_TF]
    target = ROOT / "rules" / "words" / "common-surnames.txt"
    target.write_text(f"# surnames of surnames.txt with a frequency of {COMMON_SURNAME_TF} or more in the surname table of "
                      "wainshine/Chinese-Names-Corpus (Apache-2.0)\n" + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(common)} surnames")


def derive_given_name_chars(source: Path, surnames: list[str]) -> None:
    from collections import Counter
    counts: Counter = Counter()
    compound = [s for s in surnames if len(s) == 2]
    for line in source.read_text(encoding="utf-8").splitlines():
        name = line.split("\t")[0]
        if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
            continue
        given = name[2:] if name[:2] in compound else name[1:]
        if 1 <= len(given) <= 2:
            counts.update(given)
    kept = sorted((c for c, n in counts.items() if n >= 2), key=lambda c: (-counts[c], c))
    target = ROOT / "rules" / "words" / "given-name-chars.txt"
    target.write_text("# characters of given names in pycorrector 1.1.4 person_name.txt (Apache-2.0),\n"
                      "# most frequent first; each line: character and the number of names holding it\n"
                      + "".join(f"{c}\t{counts[c]}\n" for c in kept), encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(kept)} characters")


def derive_jieba(source: Path) -> None:
    words: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) < 2 or not parts[0] or not parts[1].isdigit():
            continue
        words[parts[0]] = max(words.get(parts[0], 0), int(parts[1]))
    body = "".join(f"{w}\t{f}\n" for w, f in sorted(words.items())).encode("utf-8")
    with open(TARGET, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(body)
    print(f"{TARGET.relative_to(ROOT)}: {len(words):,} words, {TARGET.stat().st_size:,} bytes")


if __name__ == "__main__":
    sys.exit(main())
