"""Recall, precision and repair on held-out pages, with damage drawn independently of the detectors.

Pages come from the reference corpus (rmrb2019_caspiankexin, October 2019, found through bench/corpus.py):
all articles of one date and page number, joined in article order with one blank line between articles
(each article's leading empty line, trailing newlines and whitespace at line ends dropped, the rest as
published).
`--slice heldout` (default) draws from 24-31 October, `--slice tune` from 1-23 October; `--pages N` of the
slice are picked with `--seed`. One page in three gets 1-2 photo captions (see heldout_damage.add_captions):
that clean page is the truth. The damaged copy gets 8-15 damages of 13 kinds (heldout_damage.KINDS, with
their weights), each recorded with its span in the damaged page and the clean text.

newslint is run as a black box, on the damaged folder and the clean folder (pages of a folder are each
other's corpus), always with --no-cache: `check --format json`, then `check --fix` and
`check --fix --unsafe-fixes` on copies. A finding (severity warning or error) matches a damage when its span
overlaps a span of the damage widened by 2 characters each side (a repeat has two spans, one per copy; a cut
or a blank-line insertion has the break). The report (one markdown table, bench/out/heldout/report.md, and
report.json with every number; also report-<slice>.md/.json) gives per kind recall and the rules that
matched, per rule findings and precision on damaged pages and findings on clean pages, and overall recall,
precision, false findings per 100k characters of clean text, characters changed on clean pages by --fix and
by --fix --unsafe-fixes per 100k (Levenshtein), repair rate, and name-variant recall/precision for NAM00x.

    python -m bench heldout [--slice heldout|tune] [--pages 150] [--seed 1] [--keep] [--out DIR] [--samples K]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import heldout_damage as hd
from bench.corpus import ROOT, require

SLICES = {"heldout": ("20191024", "20191031"), "tune": ("20191001", "20191023")}
COUNTED = ("warning", "error")
NAME_RULES = ("NAM001", "NAM002", "NAM003")
WIDEN = 2


# --------------------------------------------------------------------------- pages
def slice_pages(name: str) -> dict[str, str]:
    """All pages of a slice: 'YYYYMMDD-PP' -> page text."""
    lo, hi = SLICES[name]
    base = require("rmrb2019_caspiankexin", "2019年10月")
    groups: dict[str, list[tuple[int, Path]]] = defaultdict(list)
    for day in sorted(base.iterdir()):
        if not (day.is_dir() and lo <= day.name <= hi):
            continue
        for f in day.glob("*.txt"):
            d, pp, nn = f.stem.split("-")
            groups[f"{d}-{pp}"].append((int(nn), f))
    pages = {}
    for pid, arts in sorted(groups.items()):
        texts = []
        for _nn, f in sorted(arts):
            # whitespace at line ends (the web export's &nbsp;) is no text of the page as printed
            t = "\n".join(line.rstrip(" \t\u3000\u00a0") for line in f.read_text(encoding="utf-8").split("\n"))
            t = t.strip("\n")
            if t.strip() and t.strip() != "广告":
                texts.append(t)
        if texts:
            pages[pid] = "\n\n".join(texts) + "\n"
    return pages


def build(args, out: Path) -> tuple[list[hd.Page], dict[str, str], dict]:
    allp = slice_pages(args.slice)
    rng = random.Random(args.seed)
    ids = sorted(rng.sample(sorted(allp), min(args.pages, len(allp))))
    # names printed at least twice in the whole slice
    names = hd.find_names(list(allp.values()))
    name_pages: dict[str, set[str]] = defaultdict(set)
    for pid in ids:
        for n in names:
            if n in allp[pid]:
                name_pages[n].add(pid)
    res = {"names": {n: v for n, v in names.items() if n in name_pages}, "name_pages": name_pages,
           "slice_text": "\n".join(allp.values())}
    clean, pages = {}, []
    for i, pid in enumerate(ids):
        prng = random.Random(f"{args.seed}:{pid}")
        pg = hd.Page(pid, allp[pid])
        if i % 3 == 0:
            hd.add_captions(pg, prng, prng.choice([1, 1, 2]))
        clean[pid] = pg.text
        hd.damage_page(pg, prng, res)
        pages.append(pg)
    info = {"slice_pages": len(allp), "names_in_slice": len(names), "names_on_run_pages": len(res["names"])}
    return pages, clean, info


def verify(pages: list[hd.Page], clean: dict[str, str]) -> int:
    """Check each record: a repeat's copies agree, a replacement's text stands where the record says."""
    bad = 0
    for pg in pages:
        t = pg.text
        for d in pg.damages:
            if d.kind.startswith("repeat"):
                (a, b), (c, e) = d.spans
                ok = t[a:b] == t[c:e] == d.clean
            elif d.kind in ("traditional", "name-variant"):
                a, b = d.spans[0]
                ok = t[a:b] == d.damaged
            elif d.kind == "misread":
                a, b = d.spans[0]
                ok = t[a:b] == d.sub[-1]
            else:
                ok = True
            if not ok:
                bad += 1
                print(f"  record mismatch on {pg.pid}: {d.kind} {d.spans}", file=sys.stderr)
    return bad


# --------------------------------------------------------------------------- newslint
def newslint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "newslint"
    return [str(exe)] if exe.exists() else [shutil.which("newslint") or "newslint"]


def check(folder: Path) -> dict[str, list[dict]]:
    r = subprocess.run(newslint_cmd() + ["check", "--no-cache", "--exit-zero", "--format", "json", str(folder)],
                       capture_output=True, text=True, cwd=ROOT, check=False)
    if r.returncode != 0:
        raise SystemExit(f"newslint check failed ({r.returncode}): {r.stderr[-2000:]}")
    by: dict[str, list[dict]] = defaultdict(list)
    for f in json.loads(r.stdout or "[]"):
        by[Path(f["path"]).stem].append(f)
    return by


def fix(src: Path, dst: Path, unsafe: bool) -> dict[str, str]:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    cmd = newslint_cmd() + ["check", "--no-cache", "--exit-zero", "--quiet", "--fix"] + (["--unsafe-fixes"] if unsafe else [])
    r = subprocess.run(cmd + [str(dst)], capture_output=True, text=True, cwd=ROOT, check=False)
    if r.returncode != 0:
        raise SystemExit(f"newslint --fix failed ({r.returncode}): {r.stderr[-2000:]}")
    return {p.stem: p.read_text(encoding="utf-8") for p in dst.glob("*.txt")}


# --------------------------------------------------------------------------- scoring
def overlaps(f: dict, spans: list[list[int]]) -> bool:
    fs, fe = f["start"]["offset"], f["end"]["offset"]
    fe = max(fe, fs + 1)
    return any(fs < b + WIDEN and fe > a - WIDEN for a, b in spans)


def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "-"


def score(pages, clean, fd, fc, fixed, args, info, timing) -> tuple[str, dict]:
    from rapidfuzz.distance import Levenshtein

    kinds = list(hd.KINDS)
    k_n, k_hit, k_hit_info, k_rules = Counter(), Counter(), Counter(), defaultdict(Counter)
    r_dmg, r_match, r_clean, r_sev = Counter(), Counter(), Counter(), {}
    name_hit = 0
    nam_total = nam_match = 0
    for pg in pages:
        finds = fd.get(pg.pid, [])
        for f in finds:
            r_sev.setdefault(f["rule"], f["severity"])
            if f["severity"] in COUNTED:
                r_dmg[f["rule"]] += 1
                if any(overlaps(f, d.spans) for d in pg.damages):
                    r_match[f["rule"]] += 1
                if f["rule"] in NAME_RULES:
                    nam_total += 1
                    if any(d.kind == "name-variant" and overlaps(f, d.spans) for d in pg.damages):
                        nam_match += 1
        for d in pg.damages:
            k_n[d.kind] += 1
            hits = [f for f in finds if overlaps(f, d.spans)]
            counted = [f for f in hits if f["severity"] in COUNTED]
            if counted:
                k_hit[d.kind] += 1
            if hits:
                k_hit_info[d.kind] += 1
            for r in sorted({f["rule"] for f in hits}):
                k_rules[d.kind][r] += 1
            if d.kind == "name-variant" and any(f["rule"] in NAME_RULES for f in counted):
                name_hit += 1
            d.matched = sorted({f["rule"] for f in counted})  # type: ignore[attr-defined]
    clean_chars = sum(len(t) for t in clean.values())
    dmg_chars = sum(len(pg.text) for pg in pages)
    for finds in fc.values():
        for f in finds:
            r_sev.setdefault(f["rule"], f["severity"])
            r_clean[(f["rule"], f["severity"] in COUNTED)] += 1
    clean_false = sum(v for (r, c), v in r_clean.items() if c)

    def dist_sum(a: dict, b: dict) -> int:
        return sum(Levenshtein.distance(a[k], b.get(k, "")) for k in a)

    dmg_text = {pg.pid: pg.text for pg in pages}
    d0 = dist_sum(clean, dmg_text)
    d_safe = dist_sum(clean, fixed["damaged-safe"])
    d_unsafe = dist_sum(clean, fixed["damaged-unsafe"])
    c_safe = dist_sum(clean, fixed["clean-safe"])
    c_unsafe = dist_sum(clean, fixed["clean-unsafe"])
    n_all = sum(k_n.values())
    hit_all = sum(k_hit.values())
    tot_dmg = sum(r_dmg.values())
    tot_match = sum(r_match.values())
    per100k = lambda x: 1e5 * x / clean_chars if clean_chars else 0.0

    rows = []
    for k in kinds:
        rules = ", ".join(f"{r} {c}" for r, c in k_rules[k].most_common(6))
        rows.append(["kind", k, k_n[k], f"{pct(k_hit[k], k_n[k])} ({pct(k_hit_info[k], k_n[k])})", "", "", rules])
    for r in sorted(set(r_dmg) | {r for r, c in r_clean if c} | set(r_sev)):
        cn = r_clean[(r, True)] + r_clean[(r, False)]
        info_d = sum(1 for pg in pages for f in fd.get(pg.pid, []) if f["rule"] == r) if r_sev.get(r) not in COUNTED else 0
        rows.append(["rule", r, r_dmg[r] if r_sev.get(r) in COUNTED else f"({info_d})",
                     "", pct(r_match[r], r_dmg[r]) if r_dmg[r] else "-", cn, r_sev.get(r, "")])
    ov = [
        ("recall, all damage (warning+error)", n_all, pct(hit_all, n_all), "", "", ""),
        ("precision on damaged pages (warning+error findings)", tot_dmg, "", pct(tot_match, tot_dmg), "", ""),
        ("false findings on clean pages per 100k chars", clean_false, "", "", f"{per100k(clean_false):.1f}",
         f"{clean_chars} clean chars"),
        ("chars changed on clean pages by --fix, per 100k", c_safe, "", "", f"{per100k(c_safe):.1f}", "Levenshtein"),
        ("chars changed on clean pages by --fix --unsafe-fixes, per 100k", c_unsafe, "", "",
         f"{per100k(c_unsafe):.1f}", "Levenshtein"),
        ("repair, --fix --unsafe-fixes", d0, "", "", "",
         f"{pct(d0 - d_unsafe, d0)} (Σd damaged→clean {d0}, after fix {d_unsafe})"),
        ("repair, --fix (safe only)", d0, "", "", "", f"{pct(d0 - d_safe, d0)} (after fix {d_safe})"),
        ("name variants found by NAM001-003", k_n["name-variant"], pct(name_hit, k_n["name-variant"]), "", "", ""),
        ("name precision (NAM00x findings on damaged pages)", nam_total, "", pct(nam_match, nam_total), "", ""),
    ]
    for o in ov:
        rows.append(["overall", *o])
    head = (f"## newslint held-out benchmark: slice {args.slice}, {len(pages)} pages "
            f"(of {info['slice_pages']}), seed {args.seed}\n\n"
            f"{clean_chars} clean chars, {dmg_chars} damaged chars, {n_all} damages; match = finding overlaps a damage "
            f"span widened by {WIDEN}; recall counts warning+error findings (in parentheses: any severity); "
            f"rule rows: count = warning+error findings on damaged pages (info rules: all, in parentheses), "
            f"'on clean' = all findings of the rule on the clean pages. Time: {timing}.\n\n")
    table = ["| group | item | count | recall | precision | on clean | detail |", "|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        table.append("| " + " | ".join(str(x) for x in r) + " |")
    md = head + "\n".join(table) + "\n"
    data = {
        "slice": args.slice, "pages": len(pages), "seed": args.seed, "info": info, "timing": timing,
        "clean_chars": clean_chars, "damaged_chars": dmg_chars,
        "kinds": {k: {"count": k_n[k], "recalled": k_hit[k], "recalled_any_severity": k_hit_info[k],
                      "rules": dict(k_rules[k])} for k in kinds},
        "rules": {r: {"severity": r_sev.get(r), "damaged_findings": r_dmg[r], "matched": r_match[r],
                      "clean_findings": r_clean[(r, True)] + r_clean[(r, False)]} for r in sorted(r_sev)},
        "overall": {"damages": n_all, "recalled": hit_all, "recall": hit_all / n_all if n_all else None,
                    "damaged_findings": tot_dmg, "matched_findings": tot_match,
                    "precision": tot_match / tot_dmg if tot_dmg else None,
                    "clean_false_findings": clean_false, "clean_false_per_100k": per100k(clean_false),
                    "clean_fix_safe_dist": c_safe, "clean_fix_safe_per_100k": per100k(c_safe),
                    "clean_fix_unsafe_dist": c_unsafe, "clean_fix_unsafe_per_100k": per100k(c_unsafe),
                    "dist_damaged_clean": d0, "dist_fixed_safe_clean": d_safe, "dist_fixed_unsafe_clean": d_unsafe,
                    "repair_unsafe": (d0 - d_unsafe) / d0 if d0 else None,
                    "repair_safe": (d0 - d_safe) / d0 if d0 else None,
                    "name_variants": k_n["name-variant"], "name_variants_found": name_hit,
                    "name_findings": nam_total, "name_findings_matched": nam_match},
    }
    return md, data


def samples(pages: list[hd.Page], k: int) -> None:
    by = defaultdict(list)
    for pg in pages:
        for d in pg.damages:
            by[d.kind].append((pg, d))
    for kind in hd.KINDS:
        print(f"--- {kind}: {len(by[kind])}")
        for pg, d in by[kind][:k]:
            a = min(s for s, _ in d.spans)
            b = max(e for _, e in d.spans)
            if b - a > 160:
                shown = " | ".join(repr(hd.ctxt(pg.text, s, e, 8)[:120]) for s, e in d.spans)
            else:
                shown = repr(hd.ctxt(pg.text, a, b, 10))
            print(f"  {pg.pid} [{d.sub}] clean={d.clean[:60]!r} → {shown} {d.note}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slice", choices=sorted(SLICES), default="heldout")
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the generated page folders")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "heldout")
    ap.add_argument("--samples", type=int, default=0, help="print K sample damages of each kind")
    args = ap.parse_args(argv)
    t0 = time.time()
    out: Path = args.out
    work = out / f"work-{args.slice}"
    if work.exists():
        shutil.rmtree(work)
    (work / "damaged").mkdir(parents=True)
    (work / "clean").mkdir(parents=True)
    pages, clean, info = build(args, out)
    if verify(pages, clean):
        print("warning: some damage records do not match their page", file=sys.stderr)
    for pg in pages:
        (work / "damaged" / f"{pg.pid}.txt").write_text(pg.text, encoding="utf-8")
        (work / "clean" / f"{pg.pid}.txt").write_text(clean[pg.pid], encoding="utf-8")
    (work / "truth.json").write_text(json.dumps(
        {pg.pid: [d.as_dict() for d in pg.damages] for pg in pages}, ensure_ascii=False, indent=1), encoding="utf-8")
    t_gen = time.time() - t0
    print(f"generated {len(pages)} pages, {sum(len(p.damages) for p in pages)} damages in {t_gen:.0f}s "
          f"({info['names_on_run_pages']} candidate names on these pages)", file=sys.stderr)
    if args.samples:
        samples(pages, args.samples)
    fd = check(work / "damaged")
    fc = check(work / "clean")
    fixed = {"damaged-safe": fix(work / "damaged", work / "fix-damaged-safe", False),
             "damaged-unsafe": fix(work / "damaged", work / "fix-damaged-unsafe", True),
             "clean-safe": fix(work / "clean", work / "fix-clean-safe", False),
             "clean-unsafe": fix(work / "clean", work / "fix-clean-unsafe", True)}
    t_all = time.time() - t0
    timing = f"{t_all:.0f}s total, {t_gen:.0f}s generating, {t_all - t_gen:.0f}s in 6 newslint runs"
    md, data = score(pages, clean, fd, fc, fixed, args, info, timing)
    # per-damage results, for reading misses
    (work / "truth.json").write_text(json.dumps(
        {pg.pid: [dict(d.as_dict(), matched=getattr(d, "matched", [])) for d in pg.damages] for pg in pages},
        ensure_ascii=False, indent=1), encoding="utf-8")
    print(md)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("report", f"report-{args.slice}"):
        (out / f"{name}.md").write_text(md, encoding="utf-8")
        (out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.keep:
        print(f"pages kept in {work}", file=sys.stderr)
    else:
        for sub in ("damaged", "clean", "fix-damaged-safe", "fix-damaged-unsafe", "fix-clean-safe", "fix-clean-unsafe"):
            shutil.rmtree(work / sub, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
