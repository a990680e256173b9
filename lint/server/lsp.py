"""The language server's protocol: LSP messages in, the session's answers out as LSP types.

Diagnostics are published when a page is opened or saved, and shortly after it changes
(DEBOUNCE: a burst of keystrokes is checked once); a change to one page can change the
cross-page findings of another, so every open page is checked again then. A configuration file
that changes (watched files, or saved in the editor) is read anew and every open page
republished. Checks run on the server's one event loop, so the session is never shared between
threads.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path

from ..finding import Applicability, Finding, Related, Severity
from ..ruledocs import rule_url
from ..version import __version__
from .positions import LineIndex, changed_lines, preferred_encoding
from .session import Checked, Session, is_config_file

DEBOUNCE = 0.1  # seconds of quiet after a change before the pages are checked again
SOURCE = "newslint"
FIX_ALL = "source.fixAll.newslint"
FIX_ALL_TITLE = "Fix all safe newslint fixes"
SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            Severity.INFO: lsp.DiagnosticSeverity.Information}
WATCHED = ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")  # and the pages

log = logging.getLogger(__name__)


class NewslintProtocol(LanguageServerProtocol):
    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):
        # pygls takes the client's first choice (often utf-8); code points need no conversion,
        # so utf-32 when offered, else utf-16, which every client speaks
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            general.position_encodings = [preferred_encoding([getattr(e, "value", e) for e in general.position_encodings])]
        return (yield from super().lsp_initialize(params))


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("newslint", __version__, protocol_cls=NewslintProtocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.session = Session()
        self._pending: asyncio.TimerHandle | None = None
        self._first: str | None = None  # the page that changed last: republished first

    # -- publishing -------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or "utf-16"
        return str(getattr(encoding, "value", encoding))  # an lsprotocol enum, or the client's string

    def publish(self, uri: str) -> None:
        checked = self.session.check(uri)
        page = self.session.pages.get(uri)
        if checked is None or page is None:
            return
        for failure in checked.failures:
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"newslint: {failure.message}"))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=self.diagnostics(uri, checked), version=page.version))

    def publish_all(self) -> None:
        self._pending = None
        uris = sorted(self.session.pages, key=lambda u: u != self._first)
        for uri in uris:
            try:
                self.publish(uri)
            except Exception as e:  # noqa: BLE001 - one page's crash is not the server's
                log.exception("checking %s", uri)
                self.window_log_message(lsp.LogMessageParams(
                    lsp.MessageType.Error, f"newslint: internal error while checking {uri}: {type(e).__name__}: {e}"))

    def republish_soon(self, uri: str | None = None) -> None:
        self._first = uri
        if self._pending is not None:
            self._pending.cancel()
        self._pending = asyncio.get_running_loop().call_later(DEBOUNCE, self.publish_all)

    def diagnostics(self, uri: str, checked: Checked) -> list[lsp.Diagnostic]:
        if checked.error is not None:  # said where the user looks; gone once the config reads
            return [lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), source=SOURCE,
                                   message=f"newslint: config error: {checked.error}",
                                   severity=lsp.DiagnosticSeverity.Error)]
        if checked.page is None:
            return []
        index = LineIndex(checked.page.text, self.encoding)
        return [self.diagnostic(uri, index, f) for f in checked.findings]

    def diagnostic(self, uri: str, index: LineIndex, f: Finding) -> lsp.Diagnostic:
        url = rule_url(f.rule, f.name)
        return lsp.Diagnostic(
            range=self.range(index, f.start, f.end), message=f.message, severity=SEVERITY[f.severity],
            code=f.rule, code_description=lsp.CodeDescription(href=url) if url else None,
            source=SOURCE, related_information=[self.related(uri, index, r) for r in f.related] or None)

    @staticmethod
    def range(index: LineIndex, start: int, end: int) -> lsp.Range:
        return lsp.Range(lsp.Position(*index.position(start)), lsp.Position(*index.position(end)))

    def related(self, uri: str, index: LineIndex, r: Related) -> lsp.DiagnosticRelatedInformation:
        if r.path is None:
            where = lsp.Location(uri, self.range(index, r.offset, r.offset))
        else:
            path = Path(r.path).absolute()
            line, column = (r.line or 1) - 1, (r.column or 1) - 1
            text = self.session.text_of(path)
            if text is not None:  # columns count code points: the client may count UTF-16 units
                other = LineIndex(text, self.encoding)
                if line < len(other.starts):
                    line, column = other.position(min(other.starts[line] + column, len(text)))
            position = lsp.Position(line, column)
            where = lsp.Location(from_fs_path(str(path)) or str(path), lsp.Range(position, position))
        return lsp.DiagnosticRelatedInformation(where, r.message)

    # -- code actions and hover -------------------------------------------------------------

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        checked = self.session.check(uri)
        if checked is None or checked.page is None or checked.error is not None:
            return None
        index = LineIndex(checked.page.text, self.encoding)
        lo = index.offset(params.range.start.line, params.range.start.character)
        hi = index.offset(params.range.end.line, params.range.end.character)
        only = params.context.only
        actions = []
        if _wanted(only, lsp.CodeActionKind.QuickFix):
            newline = checked.page.newline
            for f in checked.findings:
                if f.fix is None or not f.fix.edits or not (f.start <= hi and lo <= f.end):
                    continue
                safe = f.fix.applicability is Applicability.SAFE
                edits = [lsp.TextEdit(self.range(index, e.start, e.end), e.content.replace("\n", newline))
                         for e in f.fix.edits]
                actions.append(lsp.CodeAction(
                    title=f"newslint ({f.rule}): {f.fix.message}" + ("" if safe else " (unsafe)"),
                    kind=lsp.CodeActionKind.QuickFix, diagnostics=[self.diagnostic(uri, index, f)],
                    edit=lsp.WorkspaceEdit(changes={uri: edits}), is_preferred=safe))
        if _wanted(only, FIX_ALL) and any(f.fix is not None and f.fix.applicability is Applicability.SAFE
                                          for f in checked.findings):
            action = lsp.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": uri})
            if not self._resolves_edits():  # else the fix run waits until the action is chosen
                action.edit = self.fix_all_edit(uri)
                if action.edit is None:
                    return actions
            actions.append(action)
        return actions

    def resolve(self, action: lsp.CodeAction) -> lsp.CodeAction:
        if action.kind == FIX_ALL and isinstance(action.data, dict) and "uri" in action.data:
            action.edit = self.fix_all_edit(action.data["uri"]) or lsp.WorkspaceEdit(changes={})
        return action

    def fix_all_edit(self, uri: str) -> lsp.WorkspaceEdit | None:
        page = self.session.pages.get(uri)
        fixed = self.session.fix_all(uri)
        if page is None or fixed is None:
            return None
        change = changed_lines(page.source, fixed, self.encoding)
        if change is None:
            return None
        start, end, content = change
        return lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(lsp.Position(*start), lsp.Position(*end)),
                                                             content)]})

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        checked = self.session.check(uri)
        if checked is None or checked.page is None:
            return None
        index = LineIndex(checked.page.text, self.encoding)
        at = index.offset(params.position.line, params.position.character)
        hits = [f for f in checked.findings if f.start <= at < max(f.end, f.start + 1)]
        parts, seen = [], set()
        for f in hits:
            doc = self.session.rule_doc(uri, f.rule)
            if doc is None or f.rule in seen:
                continue
            seen.add(f.rule)
            parts.append(doc[0] + (f"\n[{f.rule} in the rules reference]({doc[1]})" if doc[1] else ""))
        if not parts:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                         range=self.range(index, hits[0].start, hits[0].end))

    def _resolves_edits(self) -> bool:
        action = self.client_capabilities.text_document and self.client_capabilities.text_document.code_action
        support = action.resolve_support if action else None
        return support is not None and "edit" in support.properties

    # -- configuration and files -------------------------------------------------------------

    def watch_files(self) -> None:
        watched = self.client_capabilities.workspace and self.client_capabilities.workspace.did_change_watched_files
        if not (watched and watched.dynamic_registration):
            return  # the client watches nothing for us: saves in the editor still reload
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in (*self.session.page_globs(), *WATCHED)])
        self.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="newslint-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    def files_changed(self, changes: list[lsp.FileEvent]) -> None:
        paths = [(Path(p), c.type) for c in changes if (p := to_fs_path(c.uri))]
        if any(is_config_file(p) for p, _ in paths):
            self.session.reload_config()
        elif paths:
            self.session.files_changed(any(t != lsp.FileChangeType.Changed for _, t in paths))
        else:
            return
        self.publish_all()


def _wanted(only: list[str] | None, kind: str) -> bool:
    """Whether the client asks for actions of `kind` (`only` lists kinds and their parents)."""
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)


def _path(uri: str) -> Path | None:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(path) if path else None


def build_server() -> NewslintServer:
    server = NewslintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: NewslintServer, params: lsp.InitializeParams) -> None:
        uris = [f.uri for f in params.workspace_folders or ()] or ([params.root_uri] if params.root_uri else [])
        folders = [p for p in map(_path, uris) if p is not None and p.is_dir()]
        if folders:  # as `newslint check` run there: pages named relative to it, untitled ones configured by it
            os.chdir(folders[0])
        ls.session = Session(folders)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: NewslintServer, params: lsp.InitializedParams) -> None:
        ls.watch_files()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        path = _path(doc.uri)
        if path is not None and is_config_file(path):
            return  # a config file open in the editor is read when saved, not linted as a page
        ls.session.open(doc.uri, path, doc.version, doc.text)
        ls.publish(doc.uri)
        if len(ls.session.pages) > 1:
            ls.republish_soon(doc.uri)  # the other open pages have one more page to compare with

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri not in ls.session.pages:
            return
        doc = ls.workspace.get_text_document(params.text_document.uri)
        ls.session.change(doc.uri, params.text_document.version, doc.source)
        ls.republish_soon(doc.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: NewslintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None and is_config_file(path):
            ls.session.reload_config()
            ls.publish_all()
        elif params.text_document.uri in ls.session.pages:
            ls.session.files_changed(False)  # the file on disk is the page now
            ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.session.close(uri)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if ls.session.pages:
            ls.republish_soon()  # the file on disk stands for the page again

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: NewslintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.files_changed(params.changes)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True))
    def code_action(ls: NewslintServer, params: lsp.CodeActionParams):
        return ls.code_actions(params)

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: NewslintServer, params: lsp.CodeAction) -> lsp.CodeAction:
        return ls.resolve(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: NewslintServer, params: lsp.HoverParams):
        return ls.hover(params)

    return server


def serve() -> int:
    """Run the server over standard input and output until the client says exit."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol's stream
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    build_server().start_io(sys.stdin.buffer, out)
    return 0
