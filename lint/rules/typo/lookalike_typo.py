"""TYP001: a look-alike character that turns a frequent word into a non-word (行政部闷 for 行政部门)."""
from __future__ import annotations

import math
from functools import lru_cache

from lint.chars import transliterated
from lint.finding import Applicability, Fix, FixAvailability, FixSafety, Severity
from lint.packed import CharMap
from lint.patterns import lazy
from lint.prose.confusions import ocr_confusions
from lint.rule import Option, Rule

from ._lookalikes import INDEX_FLOOR, MASK, masked_words, shape_lookalikes, word_neighbours

# well-known OCR confusions the shape lists miss or list one way only
OCR_PAIRS = ("人入", "己已巳", "未末", "休体", "土士", "戊戌戍", "日曰", "干千于", "侯候", "拔拨", "冶治", "汩汨")
_HAN_RUN = lazy(r"[\u4e00-\u9fff]{2,}")
PLACE_SUFFIXES = frozenset("省市县区乡镇村站路街巷湾屯寨")
MIN_GIVEN_NAMES = 3  # a character in this many known names can be a given name
SPLIT_WORD = 4  # longer words (idioms, slogans) change few splits and cost half the lookups
REACH = 5  # characters either side that take part in the comparison
OCR_PAGE_DENSITY = 1 / 1000  # ... and at least one a thousand characters (a long file has more of everything)
RATE_SCALE = 1000  # a confusion made once in a thousand readings earns one `confusion-weight`
RIVAL_MARGIN = 2.0  # a neighbour's change this close in log-probability makes the site ambiguous


class LookalikeTypo(Rule):
    """A character OCR read as a look-alike: 政冶局 for 政治局, 行政部闷 for 行政部门.

    What it finds: a character whose look-alike (shape-confusion lists of pycorrector and
    ECSpell, the confusions Tesseract was seen to make in `rules/words/ocr-confusions.tsv`, plus
    the `lookalikes` option) turns the text around it into a frequent word, where the text as
    printed forms no word there: the most probable split of the stretch into words of the word
    list must gain at least `min-gain` (natural log) from the change. On a page that shows it is
    OCR output (at least `ocr-page` suspects, and one a thousand characters), a change the engine
    was seen to make needs less: `confusion-weight` for each doubling of 1 + 1,000 times the
    rate at which it printed the one character for the other, never below `min-gain-floor`. A
    change the corpus backs needs less too (`corpus-weight`): the other pages print the
    look-alike between the same neighbours at least `min-corpus` times and never print the text
    as it stands, and a stretch the other pages print twice or more as it stands is left alone.
    Weighing the corpus is off by default (`min-corpus: 0`): its trigram index costs about 35 MB
    and 1.5 s a thousand pages, for a few more findings. The message gives the evidence.

    Why it matters: OCR swaps characters of similar shape; a spell checker for typing errors
    (sound-alike characters) misses them, and a reader stumbles on 行政部闷. (新任程 for 新征程, on
    seed 000, is two words as printed, 新任 and 程: no word list tells it from correct text.)

    Flags:
    - `　　县级人民政府教育行政部闷应当加强管理。⏎` → `　　县级人民政府教育行政部门应当加强管理。⏎`
    - `　　中央书记处是中央政冶局和它的常务委员会的办事机构。⏎` →
      `　　中央书记处是中央政治局和它的常务委员会的办事机构。⏎`

    Leaves alone:
    - `　　他的机智令人佩服。⏎` (text that forms words as printed: 机智 for 机制 would be two real
      words, which no linter without a language model can tell apart)
    - `　　参观贴士：每日9时开放。参观贴士以现场公告为准。⏎` (a stretch printed the same way twice,
      or listed in `allow`: names, terms)
    - `　　行走在万安县高陂镇田北村，只见小桥流水人家。⏎` (a place name)
    - `　　冰封的湖面，寒风冽冽。⏎` (a doubled character: a pattern a writer chose)

    Where a neighbour's look-alike makes a word with the suspect as printed (认间: 认同 or 空间?),
    either character could be the misreading: the change is made only if it gains at least 2 more
    than the neighbour's (丰窗 is 丰富 rather than 车窗), and otherwise left alone.

    Also left alone: the change to a word rarer than `min-word`, with `min-corpus` set a stretch
    that two other pages of the corpus print as it stands (a name or a term of the archive), and
    on a page with fewer
    suspects than `ocr-page`, a change only the engine's confusions back (born-digital text holds
    a rare word now and then: 红嫂, 清雪).

    Fix safety: always available, and unsafe (`--unsafe-fixes`): the look-alike. A frequent word
    nearby is evidence, not proof: the fix is for a reviewed run, and the finding is a prompt to
    look at the scan.
    """

    code = "TYP001"
    name = "lookalike-typo"
    category = "typo"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    fix_safety = FixSafety.UNSAFE
    options = {
        "min-word": Option(50, "frequency (word list) the corrected word must have"),
        "min-gain": Option(13.0, "log-probability the stretch must gain from the change"),
        "lookalikes": Option(OCR_PAIRS, "groups of characters that look alike, added to the bundled lists"),
        "allow": Option((), "words and names never reported"),
        "ocr-confusions": Option(True, "also take as look-alikes the confusions an OCR engine was seen to "
                                       "make (rules/words/ocr-confusions.tsv)"),
        "confusion-weight": Option(2.0, "log-probability taken off min-gain for each doubling of 1 + 1000 "
                                        "times the rate at which the engine made the change"),
        "min-gain-floor": Option(5.5, "the least gain any change needs, however likely the confusion"),
        "ocr-page": Option(3, "suspects a page must hold to count as OCR output, where the engine's "
                              "confusions lower the gain needed (below it, every change needs min-gain)"),
        "min-corpus": Option(0, "times the other pages of the corpus must print the look-alike with the "
                                "suspect's neighbours for the corpus to back the change (3 is a good start); "
                                "0: the corpus is not asked"),
        "corpus-weight": Option(1.5, "log-probability taken off the gain a change needs when the corpus backs it"),
    }

    @property
    def uses_corpus(self) -> bool:  # type: ignore[override]
        """Only when asked to weigh the corpus: otherwise a page's findings are its own."""
        return bool(self.settings["min-corpus"])

    def corpus_indexes(self, layout) -> list:
        from lint.prose.ngrams import trigram_index_spec

        return [trigram_index_spec()] if self.settings["min-corpus"] else []

    batch_min = 8  # pages: below this the array path costs more than it saves (and NumPy is not imported)

    def check(self, doc):
        yield from self._word_list_findings(doc, self._corpus_view(doc))

    def check_batch(self, docs):
        """The findings of each page, as `check` gives them: array operations pick the few sites
        that could yield one (lint/rules/typo/_batch.py), the per-site code judges them."""
        from ._batch import candidate_sites

        discount = self.settings["corpus-weight"] if self.settings["min-corpus"] else 0.0
        sites = candidate_sites([doc.text for doc in docs], self._arrays(), self.settings["min-word"], discount)
        return [list(self._word_list_findings(doc, self._corpus_view(doc), found))
                for doc, found in zip(docs, sites)]

    def warm_batch(self) -> None:
        from ._batch import word_table

        word_table()
        self._arrays()

    def _arrays(self):
        if self._batch_arrays is None:
            from lint.data import packs_dir

            from ._batch import lookalike_arrays

            words = packs_dir() / "words"
            sources = [p for p in (words / "lookalike-chars.tsv", words / "ocr-confusions.tsv",
                                   words / "ocr-rendered-chars.tsv", words / "common-surnames.txt") if p.is_file()]
            settings = tuple(self.settings[k] for k in ("min-gain", "lookalikes", "ocr-confusions", "confusion-weight",
                                                        "min-gain-floor"))
            self._batch_arrays = lookalike_arrays(self._lookalikes(), self._needed_gain, self.settings["min-gain"],
                                                  settings, sources)
        return self._batch_arrays

    _batch_arrays = None

    def _corpus_view(self, doc):
        """The corpus's trigram counts as seen from this page, or None (no other pages)."""
        if not self.settings["min-corpus"] or doc.corpus is None or not doc.corpus.holds_other_pages(doc.path):
            return None
        from lint.prose.ngrams import trigram_index_spec

        return doc.corpus.index_from(trigram_index_spec()).for_page(doc.text)

    def _word_list_findings(self, doc, corpus, sites=None):
        """`sites`: (run start, run end, position in the run) of the characters to judge; by
        default every character the split of its run leaves standing alone."""
        from lint.lexicon import Lexicon

        text = doc.text
        lex = Lexicon.default()
        index = masked_words()
        looks = self._lookalikes()
        needs = self._needed_gain
        min_word = self.settings["min-word"]
        allowed = self._allowed_positions(text)
        follows, precedes = word_neighbours()
        as_set = _as_set
        names: set[int] | None = None  # found only for a page with a suspect: most pages have none
        found_here: list[tuple[bool, object]] = []  # (clears min-gain without the engine's help, finding)
        if sites is None:
            sites = _loose_sites(lex, text)
        for start, end, i in sites:
            s = text[start:end]
            c = s[i]
            near = looks.get(c)
            if not near or as_set(follows.get(s[i - 1:i], "")).isdisjoint(as_set(near)) and \
                    as_set(precedes.get(s[i + 1:i + 2], "")).isdisjoint(as_set(near)):
                continue  # no look-alike of c makes a word with its neighbours
            at = start + i
            if at in allowed or _patterned(s, i) or _place_name(s, i):
                continue
            words = _words_made(lex, index, s, i, near, min_word)
            if not words or _name_like(text, at) or _transliterated(text, at):
                continue
            needed = {new: needs(c, new) for new in words}
            plain = dict.fromkeys(words, self.settings["min-gain"])
            said = {}
            if corpus is not None and 0 < i < len(s) - 1:
                printed = s[i - 1:i + 2]
                if corpus.elsewhere(printed) >= 2:
                    continue  # the other pages print it so too: a name or a term
                unseen = not any(corpus.elsewhere(s[j:j + 3]) for j in range(max(0, i - 2), min(i, len(s) - 3) + 1))
                for new in words if unseen else ():
                    seen = corpus.elsewhere(s[i - 1] + new + s[i + 1])
                    if seen >= self.settings["min-corpus"]:
                        needed[new] -= self.settings["corpus-weight"]
                        plain[new] -= self.settings["corpus-weight"]
                        said[new] = f"; the corpus prints '{s[i - 1] + new + s[i + 1]}' {seen} times, '{printed}' " \
                                    f"{'once' if corpus.elsewhere(printed) else 'nowhere'} else"
            found = _best_change(lex, s, i, words, needed)
            if found is None:
                continue
            new, (word, lo, hi), gain = found
            if _rival_change(lex, index, s, i, gain - needed[new], looks, needs, min_word):
                continue  # a neighbour read wrong explains the stretch as well (慈样: 花样 or 慈祥?)
            lo, hi = start + lo, start + hi
            if text.count(text[lo:hi]) > 1:
                continue  # a non-word printed the same way twice: a name or a term
            if names is None:
                names = _name_positions(text)
            if at in names:
                continue
            seen = self._seen.get(c + new, 0)
            engine = f"; OCR was seen to print '{c}' for '{new}' {seen} times" if seen else ""
            found_here.append((gain >= plain[new], self.finding(
                at, at + 1, f"'{c}' may be an OCR misreading of '{new}': '{text[lo:hi]}' is no word, "
                            f"'{word}' is a common one{said.get(new, '')}{engine}",
                Fix.replace(at, at + 1, new, f"Replace with '{new}'", Applicability.UNSAFE))))
        # the confusions an engine makes are evidence only on a page that shows it was read by
        # one (several suspects): born-digital text has a rare word now and then (红嫂, 清雪)
        noisy = len(found_here) >= max(self.settings["ocr-page"], len(text) * OCR_PAGE_DENSITY)
        yield from (finding for clear, finding in found_here if clear or noisy)

    def _lookalikes(self) -> CharMap:
        if self._merged is None:
            merged = _merge(shape_lookalikes(), self.settings["lookalikes"])
            if self.settings["ocr-confusions"]:
                confusions, self._seen, self._rate = ocr_confusions()
                merged = _Union(merged, confusions)
            self._merged = merged
        return self._merged

    _merged: CharMap | None = None
    _seen: dict[str, int] = {}
    _rate: dict[str, float] = {}

    def _needed_gain(self, printed: str, true: str) -> float:
        """min-gain, less for a change the OCR engine was seen to make, the less the likelier
        (the rate at which it printed `printed` where `true` stood)."""
        rate = self._rate.get(printed + true, 0.0)
        if not rate:
            return self.settings["min-gain"]
        return max(self.settings["min-gain-floor"], self.settings["min-gain"]
                   - self.settings["confusion-weight"] * math.log2(1 + RATE_SCALE * rate))

    def _allowed_positions(self, text: str) -> set[int]:
        out: set[int] = set()
        for word in self.settings["allow"]:
            at = text.find(word)
            while at != -1:
                out.update(range(at, at + len(word)))
                at = text.find(word, at + 1)
        return out


# a string -> the set of its characters, made on first use: a page asks about a few hundred of
# the 10,000 strings of characters (making them all costs a page check 30 ms)
_as_set = lru_cache(maxsize=None)(frozenset)

def _name_positions(text: str) -> set[int]:
    """Characters of the names the name finder sees (lists, titles, credits, speakers)."""
    from lint.prose.names import find_names, name_shapes

    out: set[int] = set()
    for hit in (*find_names(text), *name_shapes(text)):
        out.update(range(hit.start, hit.end))
    return out


def _name_like(text: str, at: int) -> bool:
    """The suspect could be a given-name character after a surname (陈竺, 王昊男) or a surname
    before one (孟方): names are outside any word list."""
    from lint.data import given_name_chars
    from lint.prose.names import common_surnames

    surnames, given = common_surnames(), given_name_chars()
    c = text[at]
    if c in surnames and given.get(text[at + 1:at + 2], 0) >= MIN_GIVEN_NAMES:
        return True
    if given.get(c, 0) < MIN_GIVEN_NAMES:
        return False
    for k in (1, 2):
        head = text[at - k:at - k + 1] if at >= k else ""
        between = text[at - k + 1:at]
        if head in surnames and all(given.get(b, 0) >= MIN_GIVEN_NAMES for b in between):
            return True
    return False


def _patterned(s: str, i: int) -> bool:
    """A doubled character (寒风冽冽) or a frame around the suspect (懒政怠政, 越并越大): a
    pattern a writer chose, not a misreading."""
    return s[i - 1:i] == s[i] or s[i + 1:i + 2] == s[i] or i > 0 and s[i - 1:i] == s[i + 1:i + 2]


def _place_name(s: str, i: int) -> bool:
    """The suspect is in a place name (高陂镇, 汇溪镇, 徐泾东站): place names are no words."""
    return any(c in PLACE_SUFFIXES for c in s[i + 1:i + 3])


def _names_a_person(word: str) -> bool:
    """The word list holds some full names (叶海峰): a surname and two characters is no evidence."""
    from lint.prose.names import common_surnames

    return len(word) == 3 and word[0] in common_surnames()


def _transliterated(text: str, at: int) -> bool:
    window = text[max(0, at - 3):at + 4]
    return "·" in window or transliterated(window)


def _merge(shapes: CharMap, groups) -> CharMap:
    added: dict[str, str] = {}
    for group in groups:
        for c in group:
            have = added[c] if c in added else shapes.get(c, "")
            added[c] = have + "".join(o for o in group if o != c and o not in have)
    return shapes.over(added)


def _loose_sites(lex, text: str):
    """(run start, run end, position in the run) of each character the most probable split of
    its run of Han characters leaves standing alone."""
    for run in _HAN_RUN.finditer(text):
        start, end = run.span()
        for i in _loose_characters(lex, run.group()):
            yield start, end, i


def _loose_characters(lex, s: str) -> list[int]:
    """Positions of the characters that the most probable split leaves standing alone: a
    misread character breaks its word (总休方案: 总|休|方案); one inside a word is left alone."""
    return lex.single_positions(s, SPLIT_WORD)


def _words_made(lex, index, s: str, i: int, near: str, min_word: int) -> dict[str, tuple[str, int, int]]:
    """Each look-alike of s[i] (from `near`) that makes a frequent word with its neighbours
    where the text as printed makes none -> that word and its span in s."""
    words: dict[str, tuple[str, int, int]] = {}
    for lo in range(max(0, i - 3), i + 1):
        for hi in range(max(i + 1, lo + 2), min(len(s), lo + 4) + 1):
            chars = index.get(s[lo:i] + MASK + s[i + 1:hi])
            if not chars:
                continue
            for new in chars:
                if new in near and new not in words:
                    word = s[lo:i] + new + s[i + 1:hi]
                    if (min_word <= INDEX_FLOOR or lex.freq(word) >= min_word) \
                            and not lex.freq(s[lo:hi]) and not _names_a_person(word):
                        words[new] = (word, lo, hi)
    return words


def _rival_change(lex, index, s: str, i: int, margin: float, looks, needs, min_word: int) -> bool:
    """A look-alike of a neighbour of s[i] explains the stretch about as well as the change at i
    (its gain over what it needs within RIVAL_MARGIN of `margin`): on a badly read page the
    neighbour is as likely the misreading (慈样百出 is 花样百出, not 慈祥; 认间 is 认同)."""
    for j in range(max(0, i - 2), min(len(s), i + 3)):
        near = looks.get(s[j]) if j != i else None
        if not near:
            continue
        # only a word that reads s[i] as printed rivals the change: one beside it may be a
        # second misreading (光远历种 is 光辉历程)
        words = [new for new, (_, lo, hi) in _words_made(lex, index, s, j, near, min_word).items() if lo <= i < hi]
        if not words:
            continue
        lo, hi = max(0, i - REACH), min(len(s), i + REACH + 1)
        window, k = s[lo:hi], j - lo
        base = lex.split_score(window, SPLIT_WORD)
        for new in words:
            gain = lex.split_score(window[:k] + new + window[k + 1:], SPLIT_WORD) - base
            if gain - needs(s[j], new) >= margin - RIVAL_MARGIN:
                return True
    return False


def _best_change(lex, s: str, i: int, words: dict, needed: dict[str, float]):
    """The look-alike whose change gains most over what it needs (`needed`) in the split score
    of the text around i, with the word it makes and the gain; None when none gains enough."""
    lo, hi = max(0, i - REACH), min(len(s), i + REACH + 1)
    window, k = s[lo:hi], i - lo
    base = lex.split_score(window, SPLIT_WORD)
    best, best_margin = None, 0.0
    for new, made in words.items():
        gain = lex.split_score(window[:k] + new + window[k + 1:], SPLIT_WORD) - base
        if gain - needed[new] >= best_margin:
            best, best_margin = (new, made, gain), gain - needed[new]
    return best


class _Union:
    """Two character maps asked as one: the values of both, the first's first."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def get(self, key: str, default=None):
        a, b = self.first.get(key), self.second.get(key)
        if not b:
            return a if a else default
        if not a:
            return b
        return a + "".join(c for c in b if c not in a)
