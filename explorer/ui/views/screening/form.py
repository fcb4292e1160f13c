"""The screening form: its fields made from the field table, laid out by section, and the profile
read out of them (or written into them).

Every field starts as "not known" (a fact the profile leaves out becomes a question in the results).
The form holds only what a person could plausibly have: spin boxes stop at the core's limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from explorer.ui.accessible import name_popup
from explorer.ui.controllers.language import _, active, pick
from explorer.ui.controllers.screening import (
    AGES,
    BOOL,
    BUSINESS,
    CHOICE,
    FIELD,
    FIELDS,
    MAX_YEAR,
    MAYBE,
    MIN_YEAR,
    Problem,
    Report,
)
from explorer.ui.controllers.screening import (
    NUMBER as NUMBER_KIND,
)
from explorer.ui.controllers.screening import (
    SECTIONS as SECTION_TITLES,
)
from explorer.ui.theme import COLOURS
from explorer.ui.views.screening.fields import ChoiceCombo, KnownField, MoneyEdit, OptionalSpinBox
from explorer.ui.views.screening.richtext import esc

_W = TypeVar("_W", bound=QWidget)


def yes_no() -> dict[Any, str]:
    return {True: _("Yes"), False: _("No")}


def _choices(key: str) -> Callable[[], dict[Any, str]]:
    """A choice field's labels, from the field table, in the active interface language."""

    def labels() -> dict[Any, str]:
        localizer = active()
        lang = localizer.lang if localizer else "en"
        words = FIELD[key].choice_words
        return {value: _capitalised(pick(words[value], lang)) for value in FIELD[key].choices}

    return labels


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _children() -> dict[Any, str]:
    return {True: _("Children at home"), False: _("No child at home")}


def field_labels(lang: str) -> dict[str, str]:
    """Every form field's label, by the profile key it fills (from the field table)."""
    labels = {spec.key: pick(spec.label, lang) for spec in FIELDS}
    labels["has_children"] = _("Children at home")
    return labels


#: The form's sections and the fields in each, in screen (and Tab) order; the year stands alone.
SECTIONS: tuple[tuple[str | None, tuple[str, ...]], ...] = tuple(
    (
        None if section == "screening" else section,
        tuple(
            key
            for spec in FIELDS
            if spec.section == section
            for key in (("has_children", spec.key) if spec.kind == AGES else (spec.key,))
        ),
    )
    for section in SECTION_TITLES
)
BUSINESS_FIELDS = tuple(spec.key for spec in FIELDS if spec.key.startswith("business."))
#: Fields that hold a profile key's value as it is.
PLAIN_FIELDS = tuple(
    spec.key for spec in FIELDS if spec.kind in (NUMBER_KIND, BOOL, CHOICE) and "." not in spec.key
)


class FormBox(QWidget):
    """The form's fields. Every field leaves Enter unused (an open combo list keeps its own), so it
    reaches this box, which asks for screening."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _as(widget: QWidget, kind: type[_W]) -> _W:
    if not isinstance(widget, kind):
        raise TypeError(f"{widget.objectName()} is not a {kind.__name__}")
    return widget


class FormFields:
    """The form's field widgets, one per profile key (and "has_children"), made from the field table.

    `widgets` holds them all by key; the year, the children's ages, whether there are children and
    whether there is a business are also kept by their own type.
    """

    def __init__(self, default_year: int) -> None:
        f: dict[str, QWidget] = {}
        for spec in FIELDS:
            if spec.key == "year":
                year = QSpinBox()
                year.setRange(MIN_YEAR, MAX_YEAR)
                year.setValue(default_year)
                f["year"] = year
            elif spec.kind == NUMBER_KIND and spec.unit == "krw":
                f[spec.key] = MoneyEdit()
            elif spec.kind == NUMBER_KIND:
                assert spec.low is not None and spec.high is not None
                f[spec.key] = OptionalSpinBox(spec.low, spec.high)
            elif spec.kind == CHOICE:
                f[spec.key] = ChoiceCombo(spec.choices, _choices(spec.key))
            elif spec.kind == AGES:
                f["has_children"] = ChoiceCombo((True, False), _children)
                ages = QLineEdit()
                ages.setValidator(QRegularExpressionValidator(r"[0-9,\s]{0,60}", ages))
                f[spec.key] = ages
            else:  # BOOL and BUSINESS: yes, no or not known
                assert spec.kind in (BOOL, BUSINESS)
                f[spec.key] = ChoiceCombo((True, False), yes_no)
        for key, widget in f.items():
            widget.setObjectName(f"field_{key.replace('.', '_')}")
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            if isinstance(widget, QComboBox):
                # Narrow enough for a narrow pane at 200%: the list still shows every choice in full.
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(8)
        self.widgets = f
        self.year = _as(f["year"], QSpinBox)
        self.children_ages = _as(f["children_ages"], QLineEdit)
        self.has_children = _as(f["has_children"], ChoiceCombo)
        self.business = _as(f["business"], ChoiceCombo)

    def field(self, key: str) -> KnownField:
        """The field of `key`, one that holds a value or "not known" (the year and the ages do not)."""
        widget = self.widgets[key]
        if not isinstance(widget, OptionalSpinBox | MoneyEdit | ChoiceCombo):
            raise AttributeError(f"{key}: the field has no value that can be not known")
        return widget

    def known(self, key: str) -> Any:
        """The value of `key`'s field, or None when not known."""
        return self.field(key).known()

    def ages(self) -> list[int]:
        """The children's ages typed."""
        return [int(part) for part in re.split(r"[,\s]+", self.children_ages.text()) if part]

    def profile(self, answers: dict[str, bool]) -> dict[str, Any]:
        """What the form holds, as a profile (with `answers`, if any): only the keys that are known."""
        out: dict[str, Any] = {"year": self.year.value()}
        for key in PLAIN_FIELDS:
            if key != "year" and self.known(key) is not None:
                out[key] = self.known(key)
        ages = self.ages()
        if self.known("has_children") is False:
            out["children_ages"] = []
        elif ages:
            out["children_ages"] = ages
        details = {key.split(".", 1)[1]: self.known(key) for key in BUSINESS_FIELDS}
        details = {key: value for key, value in details.items() if value is not None}
        if self.known("business") is False:
            out["business"] = False
        elif self.known("business") is True or details:
            out["business"] = details
        if answers:
            out["answers"] = dict(answers)
        return out

    def fill(self, profile: dict[str, Any], set_answers: Callable[[dict[str, bool]], None]) -> None:
        """Show `profile`'s values (the answers to services' own questions go to `set_answers`);
        a key the form does not have, or a value it cannot show, is a ValueError."""
        for key, value in profile.items():
            if key == "year" and value is not None:
                if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
                    raise ValueError(f"year: {value!r} is not a year from {MIN_YEAR} to {MAX_YEAR}")
                self.year.setValue(value)
            elif key == "children_ages" and value is not None:
                if not isinstance(value, list) or not all(type(age) is int and age >= 0 for age in value):
                    raise ValueError(f"children_ages: {value!r} is not a list of ages")
                self.has_children.set_known(bool(value))
                self.children_ages.setText(", ".join(str(age) for age in value))
            elif key == "business":
                if value is None or value is False:
                    self.business.set_known(False)
                    continue
                if not isinstance(value, dict):
                    raise ValueError(f"business: {value!r} is neither false nor an object")
                self.business.set_known(True)
                for sub, item in value.items():
                    if f"business.{sub}" not in BUSINESS_FIELDS:
                        raise ValueError(f"business.{sub}: the form has no such field")
                    self.field(f"business.{sub}").set_known(item)
            elif key in PLAIN_FIELDS:
                self.field(key).set_known(value)
            elif key == "answers" and value is not None:
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, bool) for k, v in value.items()
                ):
                    raise ValueError("answers: expected question ids with true or false")
                set_answers(dict(value))
            elif key not in ("year", "children_ages", "answers"):
                raise ValueError(f"{key}: the form has no such field")

    def reset(self, default_year: int) -> None:
        """Every field back to not known, the year to `default_year`."""
        for key in self.widgets:
            if key == "year":
                self.year.setValue(default_year)
            elif key == "children_ages":
                self.children_ages.clear()
            else:
                self.field(key).set_known(None)


def add_sections(
    fields: dict[str, QWidget], layout: QBoxLayout
) -> tuple[dict[str, QLabel], dict[str, QGroupBox], list[QFormLayout]]:
    """Lay the fields out in `layout`, a form per section (a titled box but for the year's): gives the
    fields' labels by key, the sections' boxes by section and the form layouts."""
    labels: dict[str, QLabel] = {}
    group_boxes: dict[str, QGroupBox] = {}
    forms: list[QFormLayout] = []
    for section, keys in SECTIONS:
        host: QWidget = QWidget() if section is None else QGroupBox()
        if isinstance(host, QGroupBox):
            group_boxes[str(section)] = host
        form = QFormLayout(host)
        forms.append(form)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if section is None:
            form.setContentsMargins(0, 0, 0, 0)
        for key in keys:
            label = QLabel(objectName="fieldLabel")
            label.setWordWrap(True)
            label.setBuddy(fields[key])
            labels[key] = label
            form.addRow(label, fields[key])
        layout.addWidget(host)
    return labels, group_boxes, forms


def answer_row(
    question_id: str, ask: dict[str, Any] | None, lang: str, value: bool | None
) -> tuple[QLabel, ChoiceCombo]:
    """The label and the yes/no/not known field of a service's own question, showing `value`."""
    words = pick(ask["question"], lang) if ask else question_id
    service = pick(ask["service"], lang) if ask else ""
    label = QLabel(f"{esc(words)} <span style='color:{COLOURS['muted']}'>({esc(service)})</span>")
    label.setObjectName("fieldLabel")
    label.setWordWrap(True)
    combo = ChoiceCombo((True, False), yes_no)
    combo.setObjectName(f"answer_{question_id}")
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.set_known(value)
    combo.setAccessibleName(words)
    name_popup(combo, words)
    label.setBuddy(combo)
    return label, combo


def problem_lines(problems: list[Problem], labels: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The problems as rich-text list items, each naming its field, and the first problem's text
    for each field named."""
    marked: dict[str, str] = {}
    items = []
    for problem in problems:
        key = problem.field
        if key in labels:
            marked.setdefault(key, problem.text())
            items.append(f"<li><b>{esc(labels[key])}</b>: {esc(problem.text())}</li>")
        else:
            items.append(f"<li>{esc(problem.line())}</li>")
    return items, marked


def open_questions(
    report: Report | None, answers: dict[str, bool], ask: Callable[[str], dict[str, Any] | None]
) -> list[str]:
    """Ids of the services' own questions to show: those answered, then the open ones of the last
    report, most-needed first (`ask` gives a question by id, or None for one not to ask)."""
    counts: dict[str, int] = {}
    if report is not None:
        for result in report.results:
            if result.status != MAYBE:
                continue
            for missing in result.missing:
                if missing["fact"] is None and ask(missing["id"]):
                    counts[missing["id"]] = counts.get(missing["id"], 0) + 1
    open_ids = sorted(counts, key=lambda k: -counts[k])
    return [*answers, *(k for k in open_ids if k not in answers)]
