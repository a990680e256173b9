"""The batch path (Linter.prime, Rule.check_batch): the findings of a batch of pages are those
of each page checked alone, and one page never pays for it (NumPy is not imported)."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from lint.config import load_config
from lint.document import Document
from lint.engine import Linter
from lint.lexicon import Lexicon
from lint.rules.typo.lookalike_typo import LookalikeTypo, _loose_sites
from tests.conftest import ROOT, SEED_000, SEED_002, raw_text, run

pytest.importorskip("numpy")

# three misreadings of one Tesseract page (People's Daily, 2019-10-03): they make a page OCR output
OCR_LINES = ("　　中国的发展成就得到了俄罗斯朋友的充分认可与移赏，这让我们更坚定了信心。\n"
             "　　新时代中国特色大国外交正深刻影响其至改变着世界。\n"
             "　　新中国70年外交历程，也是一个国家走向世界舞台中央的光瘤历程。\n")


def misread(text: str, seed: int, every: int = 60) -> str:
    """`text` with about one Han character in `every` swapped for one of its look-alikes."""
    rng = random.Random(seed)
    looks = LookalikeTypo()._lookalikes()
    chars = list(text)
    for i, c in enumerate(chars):
        if "\u4e00" <= c <= "\u9fff" and rng.random() < 1 / every:
            near = looks.get(c)
            if near:
                chars[i] = rng.choice(near)
    return "".join(chars)


def pages() -> list[str]:
    """The raw seed pages, and damaged copies of them in pieces: pages with look-alike
    misreadings at several rates, some on pages that read as OCR output."""
    seeds = [raw_text(SEED_000), raw_text(SEED_002)]
    out = list(seeds)
    for k in range(14):
        base = seeds[k % 2]
        piece = base[(k * 997) % (len(base) // 2):][:3000]
        out.append((OCR_LINES if k % 3 else "") + misread(piece, seed=k, every=(20, 60, 200)[k % 3]))
    return out


def test_the_array_split_leaves_alone_the_characters_the_scalar_split_does():
    from lint.rules.typo._batch import Batch, word_table

    texts = pages()
    batch = Batch(texts, word_table())
    lexicon = Lexicon.default()
    assert batch.sites(batch.loose()) == [list(_loose_sites(lexicon, t)) for t in texts]


@pytest.mark.parametrize("options", [
    {},
    {"min-word": 500},
    {"min-gain": 8.0, "ocr-confusions": False},
    {"lookalikes": [], "min-gain-floor": 3.0},
])
def test_typ001_finds_in_a_batch_what_it_finds_page_by_page(options):
    rule = LookalikeTypo(**options)
    docs = [Document(t, None, f"p{k}.txt") for k, t in enumerate(pages())]
    alone = [list(rule.check(doc)) for doc in docs]
    assert sum(map(len, alone)) >= 10  # damage the rule sees: a batch that lost a site would differ
    assert rule.check_batch(docs) == alone


def test_a_primed_linter_gives_the_findings_of_a_plain_one(monkeypatch):
    config = load_config(None)
    texts = [(t, f"p{k}.txt") for k, t in enumerate(pages())]
    plain = Linter(config.rules_for(None), config.layout)
    expected = [(plain.check(text, path).findings, plain.fix(text, unsafe=True, path=path).text) for text, path in texts]
    batched = Linter(config.rules_for(None), config.layout)
    typ = next(r for r in batched.rules if r.code == "TYP001")
    asked = []
    monkeypatch.setattr(typ, "check", lambda doc: asked.append((doc.text, doc.path)) or LookalikeTypo.check(typ, doc))
    batched.prime(texts)
    for (text, path), (findings, fixed) in zip(texts, expected):
        assert batched.check(text, path).findings == findings
        assert batched.fix(text, unsafe=True, path=path).text == fixed
    assert not set(asked) & set(texts)  # every page's TYP001 findings as read came from the batch
    assert asked  # ... and the fixed texts were checked page by page
    batched.prime([])
    assert batched._primed == {}


def test_a_primed_page_is_read_once_by_the_batch_and_the_page_rules(monkeypatch):
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    texts = [(t, f"p{k}.txt") for k, t in enumerate(pages())]
    dup = next(r for r in linter.rules if r.code == "DUP001")
    nam = next(r for r in linter.rules if not r.batch_min)
    batch_docs, page_docs = [], []
    monkeypatch.setattr(dup, "check_batch", lambda docs: batch_docs.extend(docs) or [[] for _ in docs])
    monkeypatch.setattr(nam, "check", lambda doc: page_docs.append(doc) or [])
    linter.prime(texts)
    for text, path in texts:
        linter.check(text, path)
    assert len(page_docs) == len(texts) and all(a is b for a, b in zip(batch_docs, page_docs))
    linter.prime([])
    linter.check(*texts[0])  # outside a batch: a document of its own
    assert page_docs[-1] is not batch_docs[0] and page_docs[-1].text == texts[0][0]


def test_a_batch_that_fails_leaves_the_rule_to_each_page(monkeypatch):
    config = load_config(None)
    linter = Linter(config.rules_for(None), config.layout)
    typ = next(r for r in linter.rules if r.code == "TYP001")

    def broken(docs):
        raise RuntimeError("no batch today")

    monkeypatch.setattr(typ, "check_batch", broken)
    texts = [(t, f"p{k}.txt") for k, t in enumerate(pages())]
    linter.prime(texts)
    result = linter.check(*texts[3])
    assert not result.failures and any(f.rule == "TYP001" for f in result.findings)


def test_a_run_over_many_pages_finds_what_each_page_alone_gives(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    texts = pages() * 4  # 64 pages: batches of 16 on one core
    for k, text in enumerate(texts):
        (folder / f"p{k:02}.txt").write_text(text, encoding="utf-8")
    proc = run("check", "--no-cache", "--jobs", "1", "--format", "json", "--select", "TYP001,DUP001,SCR001",
               str(folder), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = [(f["path"], f["rule"], f["start"]["offset"], f["message"]) for f in json.loads(proc.stdout)]
    config = load_config(None)
    rules = [r for r in config.rules_for(None) if r.code in ("TYP001", "DUP001", "SCR001")]
    linter = Linter(rules, config.layout)
    alone = [(str(folder / f"p{k:02}.txt"), f.rule, f.start, f.message)
             for k, text in enumerate(texts) for f in linter.check(text).findings]
    assert sorted(found) == sorted(alone) and len(found) > 40


def test_one_page_does_not_import_numpy():
    code = ("import sys\n"
            "from lint.cli import main\n"
            f"main(['check', '--no-cache', {str(ROOT / 'seeds' / SEED_000)!r}, {str(ROOT / 'seeds' / SEED_002)!r}])\n"
            "print('numpy' in sys.modules, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "False"


def test_cached_arrays_are_read_back_only_with_the_users_key(tmp_path):
    import numpy as np

    from lint.arrays import arrays_file, read_arrays

    arrays = {"keys": np.arange(5, dtype=np.uint64), "logp": np.array([-1.5, -np.inf]), "flag": np.ones(3, dtype=bool)}
    path = tmp_path / "t.arrays"
    path.write_bytes(arrays_file(arrays, b"k" * 32))
    back = read_arrays(path, b"k" * 32)
    assert all(np.array_equal(back[name], a) and back[name].dtype == a.dtype for name, a in arrays.items())
    with pytest.raises(ValueError):
        read_arrays(path, b"x" * 32)  # sealed with another secret: a miss, never parsed
    path.write_bytes(path.read_bytes()[:-64])
    with pytest.raises(ValueError):
        read_arrays(path, b"k" * 32)  # cut short
