from lint.corpus import same_page, text_digest
from lint.finding import Related, Severity
from lint.rule import Option, Rule

from ._pages import band_keys, index_spec, page_paragraphs, similarity


class RepeatedAcrossPages(Rule):
    """A body paragraph that another page of the corpus holds too.

    What it finds: paragraphs of at least `min-length` Han characters (50) that appear,
    exactly or nearly (estimated similarity at least `min-similarity`, 0.7), in another page
    of the corpus: the configured `corpus` folders plus the pages of the run. Consecutive
    paragraphs repeated from the same page make one finding; `related` lists where else the text
    stands (up to `max-related` places).

    Why it matters: the same wire story runs in two papers, a page is committed twice under two
    names, a scan is OCR'd twice. Counting, training or publishing such a corpus counts the text
    twice. Often it is fine (two papers print one Xinhua story), so this is `info`: it tells, it
    does not fail a run.

    Flags:
    - `　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎‖　　各地要加强组织领导，压实工作责任，推动各项政策措施落地见效，以实际行动迎接党的二十大胜利召开。⏎　　全省经济运行稳中有进，就业形势保持稳定，群众获得感不断增强，社会大局和谐稳定，各项事业全面发展，改革开放不断深化，生态环境持续改善。⏎` (another page of the corpus holds the first paragraph too)

    Leaves alone:
    - `　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎‖　　各地要加强组织领导，压实工作责任，推动各项政策措施落地见效，以实际行动迎接党的二十大胜利召开。⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎` (a paragraph shorter than `min-length` (50) Han characters: bylines,
      formulae, one-line notices)
    - `省政协十三届四次会议在太原闭幕⏎　　会议强调，要坚定信心，抓好落实，确保全年目标任务圆满完成。⏎‖省政协十三届四次会议在太原闭幕⏎　　各地要加强组织领导，压实工作责任，推动各项政策措施落地见效，以实际行动迎接党的二十大胜利召开。⏎` (headlines,
      captions and credits)

    The page itself, and a copy of it with the same folder and file name elsewhere (a fixed copy or
    another checkout of the same page), do not count. Near copies are found with a bottom-k MinHash
    sketch banded into buckets, so the cost is linear in the number of pages.

    Fix safety: none: which copy is the right one is an editor's decision.
    """

    code = "DUP004"
    name = "repeated-across-pages"
    category = "duplicate"
    severity = Severity.INFO
    options = {
        "min-length": Option(50, "shortest paragraph compared, in Han characters"),
        "min-similarity": Option(0.7, "estimated Jaccard similarity of 5-character shingles for a near copy"),
        "max-related": Option(5, "places listed in related, at most"),
    }

    uses_corpus = True

    def corpus_indexes(self, layout) -> list:
        return [index_spec(layout, self.settings["min-length"])]

    def check(self, doc):
        if doc.corpus is None or not doc.corpus.holds_other_pages(doc.path):
            return
        min_han = self.settings["min-length"]
        index = doc.corpus.index_from(index_spec(doc.layout, min_han))
        runs: list[dict] = []  # consecutive paragraphs repeated from the same other page
        seen: dict[int, bool] = {}

        def self_page(page: int) -> bool:  # a wire story stands on hundreds of pages: each tested once
            if page not in seen:
                seen[page] = same_page(doc.path, index.names[page])
            return seen[page]

        rows = index.rows_of_text(text_digest(doc))
        if rows is None:  # a text the index does not hold: its paragraphs found and hashed here
            paragraphs = page_paragraphs(doc, min_han)
        else:  # read back from the index; a paragraph that shares no bucket has no copy but itself
            paragraphs = (index.paragraph(row) for row in rows if not (index.alone(row) and self_page(index.page_of(row))))
        for n, start, end, exact, sketch in paragraphs:
            found = {row: "exact" for row in index.exact_copies(exact)}
            for band in band_keys(sketch):
                for row in index.band_mates(band):
                    if row not in found and similarity(sketch, index.sketch(row)) >= self.settings["min-similarity"]:
                        found[row] = "near"
            # rows, not places: a paragraph of a wire story has a copy on hundreds of pages, and
            # only the first few are listed
            others = [(row, how) for row, how in found.items() if not self_page(index.page_of(row))]
            if not others:
                continue
            others.sort(key=lambda x: index.order_key(x[0]))
            key = index.names[index.page_of(others[0][0])]
            last = runs[-1] if runs else None
            if last and last["key"] == key and last["para"] == n - 1:  # short paragraphs between do not part a run
                last.update(end=end, para=n, count=last["count"] + 1)
                last["others"] += others
            else:
                runs.append(dict(start=start, end=end, key=key, para=n, count=1, others=others))
        for run in runs:
            start, end, key, others, count = run["start"], run["end"], run["key"], run["others"], run["count"]
            pages = {index.names[index.page_of(row)] for row, _ in others}
            exact = all(how == "exact" for _, how in others)
            what = "paragraph" if count == 1 else f"{count} consecutive paragraphs"
            listed = [(index.place(row), how) for row, how in others[:self.settings["max-related"]]]
            related = tuple(
                Related(pl.offset, f"{'same' if how == 'exact' else 'nearly the same'} text",
                        index.names[pl.page], pl.line, pl.column)
                for pl, how in listed)
            yield self.finding(
                start, end,
                f"{what} also in {len(pages)} other page{'s' if len(pages) > 1 else ''} of the corpus "
                f"({'exact' if exact else 'near'} copy), first {key}:{index.place(others[0][0]).line}",
                related=related)
