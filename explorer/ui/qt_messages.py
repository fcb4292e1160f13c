"""Qt's warnings that are known and harmless, silenced by logging category, never by their text.

Each category is named with the reason it is harmless. Only warnings are silenced: an error or a
critical message of the same category still shows. `QT_LOGGING_RULES` in the environment is applied
after these rules, so a developer can bring any of them back
(`QT_LOGGING_RULES="qt.multimedia.symbolsresolver.warning=true"`).

Silencing in Qt's own filter, rather than in a message handler of ours, matters: Qt Virtual
Keyboard's QML is compiled on a loader thread while the GUI thread waits, and a Python message
handler called from that thread would wait for the interpreter the GUI thread holds.
"""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory

#: Category -> why its warnings may be silenced.
QUIET = {
    "qt.qml.propertyCache.append": (
        "Qt Virtual Keyboard's own QML (its PopupList) overrides a property of its base type; "
        "Qt's code, not ours, and the keyboard works"
    ),
    "qt.multimedia.symbolsresolver": (
        "Qt Text-to-Speech looks for the PipeWire library, which speaking does not need "
        "(speech-dispatcher speaks); machines without PipeWire are normal"
    ),
}


def rules() -> str:
    """The logging filter rules that silence the warnings of QUIET's categories."""
    return "\n".join(f"{category}.warning=false" for category in QUIET)


def quiet_known_warnings() -> None:
    """Apply `rules()` (once, at start-up, before the windows are made)."""
    QLoggingCategory.setFilterRules(rules())
