"""Lint the raw seed pages, write the HTML report (lint/report.py) and a screenshot of it.

Usage (from the project root):
    python tools/report_screenshot.py [OUT_DIR] [--fix] [--unsafe-fixes] [--pages DIR]
                                      [--window-size W,H] [--chromium PATH]

OUT_DIR defaults to /tmp/newslint-report; it receives report.html and report.png, and both paths
are printed. The pages are the raw seed pages, tests/fixtures/raw/*.txt (the cleaned ones,
seeds/*.txt, when that folder is missing; --pages DIR to choose). With --fix (and
--unsafe-fixes) the pages are fixed in memory first, so the report shows what is left and lists
the applied fixes; no page is written.

The screenshot needs a Chromium (chromium, chromium-browser or google-chrome on PATH, or
--chromium); without one only the HTML is written and the script says so (exit status 1).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import load_config  # noqa: E402
from lint.corpus import Corpus  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.output import FileReport  # noqa: E402
from lint.registry import builtin_rules  # noqa: E402
from lint.report import render_report  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def seed_folder() -> Path:
    raw = ROOT / "tests" / "fixtures" / "raw"
    return raw if raw.is_dir() else ROOT / "seeds"


def find_chromium() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(browser: str, html: Path, png: Path, size: str, profile: Path) -> subprocess.CompletedProcess:
    args = [browser, "--headless=new", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            f"--user-data-dir={profile}", f"--window-size={size}", f"--screenshot={png}",
            html.resolve().as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default="/tmp/newslint-report", help="output folder")
    ap.add_argument("--pages", type=Path, default=None, help="folder of .txt pages (default: the raw seeds)")
    ap.add_argument("--fix", action="store_true", help="report a fix run (in memory)")
    ap.add_argument("--unsafe-fixes", action="store_true", help="with --fix: apply unsafe fixes too")
    ap.add_argument("--window-size", default="1280,2000", help="screenshot size W,H")
    ap.add_argument("--chromium", default=None, help="browser binary (default: found on PATH)")
    args = ap.parse_args(argv)

    folder = args.pages or seed_folder()
    pages = sorted(folder.glob("*.txt"))
    if not pages:
        print(f"no .txt pages in {folder}", file=sys.stderr)
        return 2
    config = load_config(None)
    # the pages are each other's corpus, as when `newslint report` is given them (cross-page rules)
    linter = Linter(config.rules_for(None), config.layout, Corpus((), extra=pages))
    reports = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if args.fix:
            result = linter.fix(text, unsafe=args.unsafe_fixes, path=str(path))
            reports.append(FileReport(path.name, result.text, result.findings, result.fixed, result.failures,
                                      original=text, fix_passes=result.passes))
        else:
            checked = linter.check(text, str(path))
            reports.append(FileReport(path.name, text, checked.findings, failures=checked.failures))

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    html = out / "report.html"
    kind = "fix run" if args.fix else "lint run"
    html.write_text(render_report(reports, builtin_rules(), title=f"newslint report: {kind} on {folder}"),
                    encoding="utf-8")
    total = sum(len(r.findings) for r in reports)
    print(f"{len(pages)} pages from {folder}, {total} findings"
          + (f", {sum(len(r.fixed) for r in reports)} fixes applied" if args.fix else ""))
    print(f"html: {html}")

    browser = args.chromium or find_chromium()
    if browser is None:
        print("screenshot: skipped, no chromium / chromium-browser / google-chrome on PATH", file=sys.stderr)
        return 1
    png = out / "report.png"
    with tempfile.TemporaryDirectory(prefix="newslint-chromium-") as profile:
        proc = screenshot(browser, html, png, args.window_size, Path(profile))
    if proc.returncode != 0 or not png.exists():
        print(f"screenshot failed ({browser}, exit {proc.returncode}):\n{proc.stderr[-2000:]}", file=sys.stderr)
        return 1
    print(f"screenshot: {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
