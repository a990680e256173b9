"""`newslint server`: a language server over stdio, so that editors show findings as pages are edited.

- positions.py: code-point offsets to LSP positions (UTF-16 or UTF-32) and back;
- session.py: the open pages, their configuration and the workspace's cross-page index, in
  newslint's terms;
- lsp.py: the protocol (pygls): diagnostics, code actions, hover, configuration reload.

Nothing here is imported by `newslint check`: pygls is an optional dependency
(`pip install 'newslint[server]'`).
"""
