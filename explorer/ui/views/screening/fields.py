"""The screening form's field widgets: each holds a value or "not known" (`known()`, `set_known()`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from explorer.ui.controllers.language import _, active

#: What an amount field accepts: digits and the grouping marks of any locale.
_AMOUNT_PATTERN = "[0-9,.\\s\u00a0\u202f]{0,24}"


class OptionalSpinBox(QSpinBox):
    """A whole number from `low` to `high`, or "not known" (the special value just below `low`).

    Typing digits over the "not known" text replaces it, and deleting the number makes it not known.
    """

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._low = low
        self.setRange(low - 1, high)
        self.setValue(low - 1)
        self.setSpecialValueText("—")

    def known(self) -> int | None:
        """The number, or None when not known."""
        return None if self.value() == self.minimum() else self.value()

    def set_known(self, value: int | None) -> None:
        """Show `value`; None is "not known"; a value outside the range is a ValueError."""
        if value is None:
            self.setValue(self.minimum())
            return
        if not self._low <= value <= self.maximum():
            raise ValueError(f"{value} is outside {self._low} to {self.maximum()}")
        self.setValue(value)

    def _clean(self, text: str) -> str:
        special = self.specialValueText()
        if special:
            text = text.replace(special, "")
        return "".join(ch for ch in text if not ch.isspace() and ch != ",")

    def validate(self, text: str, pos: int) -> object:
        cleaned = self._clean(text)
        if not cleaned:
            return (QValidator.State.Acceptable, "", 0)
        if not cleaned.isdigit():
            return (QValidator.State.Invalid, text, pos)
        number = int(cleaned)
        if self._low <= number <= self.maximum():
            state = QValidator.State.Acceptable
        elif number < self._low and len(cleaned) < len(str(self.maximum())):
            state = QValidator.State.Intermediate  # "19" on the way to "1990"
        else:
            state = QValidator.State.Invalid
        return (state, cleaned, len(cleaned) if cleaned != text else pos)

    def valueFromText(self, text: str) -> int:
        cleaned = self._clean(text)
        return self.minimum() if not cleaned or not cleaned.isdigit() else int(cleaned)


class MoneyEdit(QLineEdit):
    """An amount of won: digits (commas and spaces allowed), grouped when editing ends; empty is not known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(_AMOUNT_PATTERN, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self._regroup)

    def known(self) -> int | None:
        """The amount, or None when the field is empty."""
        digits = "".join(ch for ch in self.text() if ch.isdigit())
        return int(digits) if digits else None

    def set_known(self, value: int | None) -> None:
        """Show `value` grouped (1,200,000); None empties the field."""
        if value is not None and value < 0:
            raise ValueError(f"{value} is not an amount of won")
        self.setText("" if value is None else _grouped(value))

    def _regroup(self) -> None:
        value = self.known()
        text = "" if value is None else _grouped(value)
        if text != self.text():
            self.setText(text)


def _grouped(value: int) -> str:
    localizer = active()
    return localizer.format_number(value) if localizer else f"{value:,}"


class ChoiceCombo(QComboBox):
    """A choice among values, the first of which is None ("not known"); labels come from `labels()`."""

    def __init__(
        self, values: tuple[Any, ...], labels: Callable[[], dict[Any, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._values = (None, *values)
        self._labels = labels
        self.addItems(["" for _value in self._values])
        self.retranslate()

    def retranslate(self) -> None:
        """Set every item's text again in the interface language."""
        labels = self._labels()
        for index, value in enumerate(self._values):
            self.setItemText(index, _("Not known") if value is None else labels[value])

    def known(self) -> Any:
        """The chosen value, or None when not known."""
        return self._values[self.currentIndex()]

    def set_known(self, value: Any) -> None:
        """Choose `value` (None: not known); a value the combo does not offer is a ValueError."""
        for index, option in enumerate(self._values):
            if option is value or (option is not None and type(option) is type(value) and option == value):
                self.setCurrentIndex(index)
                return
        raise ValueError(f"{value!r} is not one of {self._values[1:]}")


#: A field that holds a value or "not known".
KnownField = OptionalSpinBox | MoneyEdit | ChoiceCombo
