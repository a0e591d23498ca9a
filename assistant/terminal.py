"""Untrusted text (résumés, file names, job descriptions) printed with Rich: shown as it is, never read as markup."""

from __future__ import annotations

from rich.markup import escape

from assistant.answers import one_line


def plain(text: object) -> str:
    """On one line, brackets shown: a résumé saying "a[i][/i]" would otherwise stop the command with a markup
    error, and "[link=…]" would turn into a link."""
    return escape(one_line("" if text is None else str(text)))
