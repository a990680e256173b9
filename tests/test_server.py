"""`newslint server` end to end: a real LSP client (pytest-lsp) talks to the server of this tree
over stdio, in a workspace of damaged pages, and what it shows is held against `newslint check`."""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from tests.conftest import ROOT, SEED_000, run  # noqa: E402

TIMEOUT = 30.0  # seconds for a publication: a cold server loads the word lists first
FIX_ALL = "source.fixAll.newslint"

P1 = ("　　10月1日上午，庆祝中华人民共和国成立70周年大会在北京天安门广场隆重举行，"
      "20余万军民以盛大的阅兵仪式和群众游行欢庆伟大祖国70华诞。")
P2 = ("　　国庆佳节之际，神州大地山河壮丽、万众欢腾，首都北京花团锦簇、旌旗飘扬，"
      "天安门城楼庄严雄伟，城楼檐下8盏大红灯笼高高悬挂，广场上欢歌笑语不断。")
SPACED = "　　围绕产业转型升级，推动高质量发 展，着眼全局抓重点。"  # SPC007, safe fix
TRADITIONAL = "　　全省經濟运行稳中有进，就业形势保持稳定。"  # SCR001, safe fix
# A page with three kinds of damage: the tail of a paragraph printed again as a block of its own,
# with one OCR difference (DUP001, an unsafe fix), a stray space and a traditional word.
DAMAGED = ("庆祝大会隆重举行\n\n" + P1 + "\n\n" + P2 + "\n\n　　" + P2[-60:-40] + "园" + P2[-39:] + "\n\n"
           + SPACED + "\n\n" + TRADITIONAL + "\n")
# Two pages list the same officials; one spelling of one name differs (NAM002 on both pages).
LIST = "省委常委王拥军、李金科、董晓宇、汪海洲、胡立杰、{}、林红玉在主席台就座。\n"


# -- the client --------------------------------------------------------------------------------


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every diagnostics publication in order (with its
    version) and accepting the server's registration of watched files."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def published(ls: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    def register(ls: LanguageClient, params: lsp.RegistrationParams) -> None:
        ls.registrations = params.registrations  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published,
                                   lsp.CLIENT_REGISTER_CAPABILITY: register})
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "lint", "server"],
    server_env={**os.environ, "PYTHONPATH": str(ROOT)},  # the server of this tree
    client_factory=make_client)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    return folder


async def start(client: LanguageClient, workspace: Path, encodings: list[str] | None = None) -> lsp.InitializeResult:
    capabilities = client_capabilities("visual-studio-code")  # UTF-16, code action resolve, watched files
    if encodings is not None:
        capabilities.general = lsp.GeneralClientCapabilities(position_encodings=encodings)
    return await client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities, root_uri=workspace.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=workspace.as_uri(), name="pages")]))


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.initialize_result = await start(lsp_client, workspace)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def client32(lsp_client: LanguageClient, workspace: Path):
    """A client that counts in code points too (Neovim offers utf-8, utf-16 and utf-32)."""
    lsp_client.initialize_result = await start(lsp_client, workspace, ["utf-8", "utf-32", "utf-16"])  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


# -- helpers -----------------------------------------------------------------------------------


async def published(client: LanguageClient, uri: str, version: int | None = None, after: int = 0,
                    ) -> list[lsp.Diagnostic]:
    """The diagnostics of the first publication for `uri` (of `version`, if given) among those
    after the first `after`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while loop.time() < deadline:
        for params in client.published[after:]:  # type: ignore[attr-defined]
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics published for {uri} (version {version}) in {TIMEOUT} s")


def open_page(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    text = path.read_bytes().decode("utf-8") if text is None else text
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int],
           text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(*start), lsp.Position(*end)), text=text)]))


def utf16_offset(text: str, line: int, character: int) -> int:
    """The code-point offset of an LSP position counted in UTF-16 units (the client's side,
    worked out here apart from the server's code)."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    offset = sum(len(x) for x in lines[:line])
    units = 0
    for c in (lines[line] if line < len(lines) else ""):
        if units >= character:
            break
        units += 2 if ord(c) > 0xFFFF else 1
        offset += 1
    return offset


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    spans = [(utf16_offset(text, e.range.start.line, e.range.start.character),
              utf16_offset(text, e.range.end.line, e.range.end.character), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def cli_findings(path: Path) -> list[dict]:
    proc = run("check", "--format", "json", "--exit-zero", path.name, cwd=path.parent)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def shape(diagnostics: list[lsp.Diagnostic]) -> list[tuple]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in diagnostics]


def by_code(diagnostics: list[lsp.Diagnostic], code: str) -> lsp.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, shape(diagnostics)
    return found[0]


def actions_at(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic, only: list[str] | None = None):
    return client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic], only=only)))


# -- diagnostics ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_opened_page_gets_the_findings_of_check(client: LanguageClient, workspace: Path):
    page = workspace / "damaged.txt"
    diagnostics = await published(client, open_page(client, page))
    expected = [(f["rule"], f["start"]["line"] - 1, f["start"]["column"] - 1, f["end"]["line"] - 1,
                 f["end"]["column"] - 1) for f in cli_findings(page)]
    assert sorted(f[0] for f in expected) == ["DUP001", "SCR001", "SPC007"]
    assert shape(diagnostics) == expected
    scr = by_code(diagnostics, "SCR001")
    assert scr.source == "newslint" and scr.severity == lsp.DiagnosticSeverity.Warning
    assert scr.message == "traditional '經濟' in simplified text (simplified '经济')"
    assert scr.code_description.href.endswith("docs/rules.md#scr001-traditional-character")
    dup = by_code(diagnostics, "DUP001")  # the kept copy, on the same page
    assert dup.related_information[0].location.uri == page.as_uri()
    assert dup.related_information[0].location.range.start.line == 4

    clean = workspace / "clean.txt"
    clean.write_text("庆祝大会隆重举行\n\n" + TRADITIONAL.replace("經濟", "经济") + "\n", encoding="utf-8")
    assert cli_findings(clean) == []
    assert await published(client, open_page(client, clean)) == []


@pytest.mark.asyncio
async def test_a_change_republishes_and_a_save_publishes(client: LanguageClient, workspace: Path):
    uri = open_page(client, workspace / "damaged.txt")
    first = await published(client, uri, version=1)
    spc = by_code(first, "SPC007")
    seen = len(client.published)  # type: ignore[attr-defined]
    start = (spc.range.start.line, spc.range.start.character)
    change(client, uri, 2, start, (start[0], start[1] + 1), "")  # the stray space deleted
    change(client, uri, 3, (start[0], 2), (start[0], 2), "。。")  # a doubled full stop typed
    second = await published(client, uri, version=3, after=seen)
    assert "SPC007" not in [d.code for d in second]
    pun = by_code(second, "PUN003")
    assert (pun.range.start.line, pun.range.start.character) == (start[0], 2)
    assert [v.version for v in client.published[seen:] if v.uri == uri] == [3]  # type: ignore[attr-defined]

    seen = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    assert shape(await published(client, uri, after=seen)) == shape(second)


@pytest.mark.asyncio
async def test_positions_count_utf16_units_past_an_astral_character(client: LanguageClient, workspace: Path):
    astral = "\U00020000\U00020001"  # two characters of CJK extension B: four UTF-16 units
    page = workspace / "astral.txt"
    page.write_text("标题\n\n" + SPACED.replace("围绕", astral + "围绕") + "\n", encoding="utf-8")
    assert client.initialize_result.capabilities.position_encoding == "utf-16"  # type: ignore[attr-defined]
    uri = open_page(client, page)
    spc = by_code(await published(client, uri), "SPC007")
    column = SPACED.index(" ") + len(astral)  # in code points
    assert (spc.range.start.line, spc.range.start.character, spc.range.end.character) == (2, column + 2, column + 3)
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), spc.range.start))
    assert hover is not None and hover.range == spc.range
    before = lsp.Position(2, column + 1)  # the character before the space: no finding there
    assert await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), before)) is None
    [fix] = [a for a in await actions_at(client, uri, spc) if a.kind == lsp.CodeActionKind.QuickFix]
    assert apply(page.read_text(encoding="utf-8"), fix.edit.changes[uri]) == \
        "标题\n\n" + SPACED.replace("围绕", astral + "围绕").replace(" ", "") + "\n"


@pytest.mark.asyncio
async def test_a_client_that_counts_code_points_gets_utf32(client32: LanguageClient, workspace: Path):
    assert client32.initialize_result.capabilities.position_encoding == "utf-32"  # type: ignore[attr-defined]
    astral = "\U00020000\U00020001"
    page = workspace / "astral.txt"
    page.write_text("标题\n\n" + SPACED.replace("围绕", astral + "围绕") + "\n", encoding="utf-8")
    spc = by_code(await published(client32, open_page(client32, page)), "SPC007")
    assert spc.range.start.character == SPACED.index(" ") + len(astral)


# -- code actions and hover ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_quick_fix_edit_removes_its_finding(client: LanguageClient, workspace: Path):
    page = workspace / "damaged.txt"
    uri = open_page(client, page)
    diagnostics = await published(client, uri)
    actions = await actions_at(client, uri, by_code(diagnostics, "SPC007"))
    [fix] = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
    assert fix.title == "newslint (SPC007): Delete the space" and fix.is_preferred
    assert fix.diagnostics[0].code == "SPC007"
    page.write_text(apply(DAMAGED, fix.edit.changes[uri]), encoding="utf-8")
    assert sorted(f["rule"] for f in cli_findings(page)) == ["DUP001", "SCR001"]

    unsafe = await actions_at(client, uri, by_code(diagnostics, "DUP001"), only=[lsp.CodeActionKind.QuickFix])
    assert [a.title for a in unsafe] == ["newslint (DUP001): Delete the repeated copy (unsafe)"]
    assert not unsafe[0].is_preferred


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.asyncio
async def test_fix_all_gives_the_text_of_check_fix(client: LanguageClient, workspace: Path, newline: str):
    page = workspace / "damaged.txt"
    text = DAMAGED.replace("\n", newline) + newline * 2  # and a blank line too many at the end (SPC004)
    page.write_bytes(text.encode("utf-8"))
    uri = open_page(client, page)
    scr = by_code(await published(client, uri), "SCR001")
    quick_only = await actions_at(client, uri, scr, only=[lsp.CodeActionKind.QuickFix])
    assert all(a.kind == lsp.CodeActionKind.QuickFix for a in quick_only)
    [action] = await actions_at(client, uri, scr, only=["source.fixAll"])
    assert action.title == "Fix all safe newslint fixes" and action.kind == FIX_ALL
    resolved = await client.code_action_resolve_async(action)
    fixed = apply(text, resolved.edit.changes[uri])

    copy = workspace.parent / "copy" / "damaged.txt"
    copy.parent.mkdir()
    copy.write_bytes(text.encode("utf-8"))
    run("check", "--fix", "--no-cache", str(copy))
    assert fixed == copy.read_bytes().decode("utf-8")
    assert "經濟" not in fixed and "发 展" not in fixed and fixed.count("园旗飘扬") == 1  # the unsafe fix left out
    assert fixed.endswith("。" + newline)


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, workspace: Path):
    uri = open_page(client, workspace / "damaged.txt")
    scr = by_code(await published(client, uri), "SCR001")
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), scr.range.start))
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    assert hover.contents.value.startswith("## SCR001 traditional-character")
    explained = run("rule", "SCR001").stdout
    assert explained.splitlines()[3] in hover.contents.value  # the docstring as `newslint rule` prints it
    assert "docs/rules.md#scr001-traditional-character" in hover.contents.value
    title = lsp.Position(0, 1)
    assert await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), title)) is None


# -- configuration and the workspace --------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_config_change_is_read_and_the_pages_republished(client: LanguageClient, workspace: Path):
    uri = open_page(client, workspace / "damaged.txt")
    assert "SPC007" in [d.code for d in await published(client, uri)]
    assert [r.method for r in client.registrations] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]  # type: ignore[attr-defined]

    config = workspace / ".newslint.yaml"
    config.write_text("ignore: [SPC007]\n", encoding="utf-8")
    seen = len(client.published)  # type: ignore[attr-defined]
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Created)]))
    assert sorted(d.code for d in await published(client, uri, after=seen)) == ["DUP001", "SCR001"]

    config.write_text("ignore: [SCR001]\n", encoding="utf-8")  # edited and saved in the editor this time
    seen = len(client.published)  # type: ignore[attr-defined]
    open_page(client, config)
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri())))
    assert sorted(d.code for d in await published(client, uri, after=seen)) == ["DUP001", "SPC007"]
    assert config.as_uri() not in client.diagnostics  # a config file is no page

    config.write_text('exclude: ["damaged.txt"]\n', encoding="utf-8")  # as `check`: no page to check
    seen = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri())))
    assert await published(client, uri, after=seen) == []

    config.write_text("ignore: [NO-SUCH-RULE]\n", encoding="utf-8")
    seen = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri())))
    [error] = await published(client, uri, after=seen)
    assert "config error" in error.message and "NO-SUCH-RULE" in error.message


@pytest.mark.asyncio
async def test_a_name_across_pages_follows_the_other_page_as_it_is_edited(client: LanguageClient, workspace: Path):
    (workspace / "a.txt").write_text(LIST.format("张碧涛"), encoding="utf-8")
    (workspace / "b.txt").write_text(LIST.format("张碧涌"), encoding="utf-8")
    a = open_page(client, workspace / "a.txt")
    conflict = by_code(await published(client, a), "NAM002")
    assert conflict.range.start.character == LIST.index("{}")
    assert conflict.related_information[0].location.uri == (workspace / "b.txt").as_uri()

    b = open_page(client, workspace / "b.txt")
    assert "NAM002" in [d.code for d in await published(client, b, version=1)]
    seen = len(client.published)  # type: ignore[attr-defined]
    at = LIST.index("{}") + 2  # 涌 -> 涛: b.txt now spells it as a.txt does (not saved)
    change(client, b, 2, (0, at), (0, at + 1), "涛")
    assert "NAM002" not in [d.code for d in await published(client, a, after=seen)]
    assert "NAM002" not in [d.code for d in await published(client, b, version=2, after=seen)]

    seen = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(b)))
    assert await published(client, b, after=seen) == []  # closed: its diagnostics cleared
    # the file on disk stands for b.txt again: the conflict is back
    assert "NAM002" in [d.code for d in await published(client, a, after=seen)]


# -- the command ------------------------------------------------------------------------------------


def test_without_pygls_the_server_says_what_to_install():
    code = ("import sys; sys.modules['pygls'] = None\n"
            "from lint.cli import main\n"
            "sys.exit(main(['server']))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "pip install 'newslint[server]'" in proc.stderr and "Traceback" not in proc.stderr


def test_check_imports_neither_the_server_nor_pygls():
    code = ("import sys\n"
            "from lint.cli import main\n"
            f"main(['check', '--no-cache', {str(ROOT / 'seeds' / SEED_000)!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')"
            " or m.startswith('lint.server')), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "[]"
