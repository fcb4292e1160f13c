"""Small helpers that name what Qt makes unnamed (a line edit's clear button, a combo box's list)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton


def name_clear_button(edit: QLineEdit, name: str) -> None:
    """Give a line edit's clear button (Qt makes it, unnamed) a name and a tooltip in the current language.

    The button, not its action: a change to the action would show the button while the edit is empty.
    """
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)


def name_popup(combo: QComboBox, name: str) -> None:
    """Name a combo box's drop-down list (its own accessible object) after what the combo is for."""
    combo.view().setAccessibleName(name)
