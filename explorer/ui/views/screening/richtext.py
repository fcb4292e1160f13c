"""Rich text helpers for the screening panel: escaping text for Qt's rich text, and reading it back."""

from __future__ import annotations

import html

from PySide6.QtGui import QTextDocument


def esc(text: str) -> str:
    """Text made safe for Qt rich text (which does not read &#x27;, so quotes are left alone)."""
    return html.escape(text, quote=False)


def plain_text(rich: str) -> str:
    """What a piece of rich text says, without its markup."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()
