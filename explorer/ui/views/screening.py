"""The screening panel: a form for a person's situation on the left, grouped results on the right.

Every field starts as "not known" (a fact the profile leaves out becomes a question in the results).
The form holds only what a person could plausibly have: spin boxes stop at the core's limits, and
what the core still refuses (a person living alone in a household of three, a child older than the
parent) comes back as problems shown above the form, each naming its field, with the form untouched.

Results are rows of a tree grouped by status, each drawn as a card by `ResultDelegate` (rich text
laid out once per width), so a catalogue of thousands of services still answers at once.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QRegularExpressionValidator,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
    QValidator,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.i18n import _, active, ngettext
from explorer.core.present import pick, status_group_label
from explorer.ui.accessible import name_popup
from explorer.ui.announce import announce
from explorer.ui.controllers.screening import (
    AGES,
    BOOL,
    BUSINESS,
    CHOICE,
    ELIGIBLE,
    FIELD,
    FIELDS,
    INELIGIBLE,
    MAX_YEAR,
    MAYBE,
    MET,
    MIN_YEAR,
    NOT_ASSESSED,
    NOT_MET,
    UNKNOWN_OUTCOME,
    Problem,
    Report,
    ScreeningController,
    ServiceResult,
)
from explorer.ui.controllers.screening import (
    NUMBER as NUMBER_KIND,
)
from explorer.ui.controllers.screening import (
    SECTIONS as SECTION_TITLES,
)
from explorer.ui.icons import icon
from explorer.ui.theme import COLOURS, MIN_TARGET, clamp_zoom, detail_css, px

#: Groups open after screening; the others start folded (the user's choice is kept from then on).
OPEN_BY_DEFAULT = {ELIGIBLE: True, MAYBE: True, INELIGIBLE: False, NOT_ASSESSED: False}
_OUTCOME_CLASS = {MET: "eligible", NOT_MET: "ineligible", UNKNOWN_OUTCOME: "maybe"}
#: The key a core problem starts with: "age: ...", "children_ages[0]: ...", "business.opened_year: ...".
#: What an amount field accepts: digits and the grouping marks of any locale.
_AMOUNT_PATTERN = "[0-9,.\\s\u00a0\u202f]{0,24}"


def _esc(text: str) -> str:
    """Text made safe for Qt rich text (which does not read &#x27;, so quotes are left alone)."""
    return html.escape(text, quote=False)


def plain_text(rich: str) -> str:
    """What a piece of rich text says, without its markup."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


# --- fields -----------------------------------------------------------------------------------------


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


def _yes_no() -> dict[Any, str]:
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


def _field_labels(lang: str) -> dict[str, str]:
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
_BOOL_FIELDS = tuple(spec.key for spec in FIELDS if spec.kind == BOOL and "." not in spec.key)
_BUSINESS_FIELDS = tuple(spec.key for spec in FIELDS if spec.key.startswith("business."))
#: Fields that hold a profile key's value as it is.
_PLAIN_FIELDS = tuple(
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


# --- results ----------------------------------------------------------------------------------------

#: Item data: a result row's ServiceResult, its id, its status and its rich text. A group's heading
#: has no rich text; a group's note (why nothing was assessed) has rich text but no result.
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
HTML_ROLE = Qt.ItemDataRole.UserRole + 4


def benefit_line(benefit: dict[str, Any]) -> str:
    """The estimate's amount and period in the interface language, or "" when there is no amount."""
    amount = benefit.get("amount_krw")
    if amount is None:
        return ""
    localizer = active()
    money = localizer.format_krw(amount) if localizer else f"₩{amount:,}"
    period = benefit.get("period")
    if period == "month":
        return _("{amount} a month").format(amount=money)
    if period == "year":
        return _("{amount} a year").format(amount=money)
    if period == "once":
        return _("{amount} once").format(amount=money)
    return money


def result_html(result: ServiceResult, lang: str) -> str:
    """One result as rich text: names, path, reasons, questions and estimate, every text escaped."""
    e = _esc
    name = pick(result.names, lang)
    other_lang = "en" if lang == "ko" else "ko"
    other = result.names.get(other_lang, "")
    parts = [f"<h3>{e(name)}</h3>"]
    if other and other != name:  # as the detail pane does: the name to give at the office or on the phone
        label = _("Korean name") if other_lang == "ko" else _("English name")
        parts.append(f"<p class='other'>{e(label)}: {e(other)}</p>")
    if result.path:
        path = _("Qualifies through: {path}").format(path=pick(result.path, lang))
        parts.append(f"<p class='other'>{e(path)}</p>")
    if result.status == NOT_ASSESSED:
        return "".join(parts)  # the reason is the same for all: the group's note gives it once
    if result.reasons:
        title = _("Why not") if result.status == INELIGIBLE else _("Why")
        items = "".join(
            f"<li class='{_OUTCOME_CLASS.get(r.get('outcome') or '', 'not_assessed')}'>"
            f"{e(pick(r['text'], lang))}</li>"
            for r in result.reasons
        )
        parts.append(f"<p><b>{e(title)}</b></p><ul>{items}</ul>")
    if result.missing:
        items = "".join(f"<li>{e(pick(q['question'], lang))}</li>" for q in result.missing)
        parts.append(f"<p><b>{e(_('Questions to settle'))}</b></p><ul>{items}</ul>")
    if result.also_needed:
        items = "".join(f"<li>{e(pick(text, lang))}</li>" for text in result.also_needed)
        title = _("Also needed (the agency decides)")
        parts.append(f"<p><b>{e(title)}</b></p><ul>{items}</ul>")
    if result.benefit:
        line = benefit_line(result.benefit)
        head = _("Estimate: {amount}").format(amount=line) if line else _("What the person may get")
        parts.append(f"<p><b>{e(head)}</b></p>")
        how = pick(result.benefit.get("explanation"), lang)
        if how:
            parts.append(f"<p class='other'>{e(how)}</p>")
        source = result.benefit.get("source")
        if source:
            cited = _("Rule as run today, from: {publisher}, “{title}”, {date}").format(
                publisher=source.get("publisher", ""),
                title=source.get("title", ""),
                date=source.get("published", ""),
            )
            url = e(source.get("url", ""))
            parts.append(f"<p class='other'>{e(cited)} <a href='{url}'>{url}</a></p>")
    return "".join(parts)


class ResultDelegate(QStyledItemDelegate):
    """Draws a result row as a card: its rich text, then "Add to shortlist" and "Open" buttons.

    The buttons are a mouse convenience; the keyboard uses Enter (open) and the real buttons under
    the list. Each row's text is laid out once per width (a QTextDocument, cached), so a long list
    costs only the rows on screen.
    """

    addRequested = Signal(str)
    openRequested = Signal(str)

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        self._zoom = 1.0
        self._labels = ("", "")
        self._docs: dict[tuple[str, int], QTextDocument] = {}

    def reset(self, zoom: float, labels: tuple[str, str]) -> None:
        """New zoom or language: forget every laid-out row."""
        self._zoom = zoom
        self._labels = labels
        self._docs.clear()

    def _gap(self) -> int:
        return px(4, self._zoom)

    def _pad(self) -> int:
        return px(8, self._zoom)

    def _row_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 1 if index.parent().isValid() else 0  # the root is not decorated: results are indented once
        return max(px(160, self._zoom), self._view.viewport().width() - self._view.indentation() * depth)

    def _doc(self, index: QModelIndex | QPersistentModelIndex, width: int) -> QTextDocument:
        key = (str(index.data(ID_ROLE)), width)
        doc = self._docs.get(key)
        if doc is None:
            doc = QTextDocument()
            doc.setDefaultFont(self._view.font())
            doc.setDefaultStyleSheet(detail_css(self._zoom))
            doc.setDocumentMargin(0)
            doc.setHtml(str(index.data(HTML_ROLE)))
            doc.setTextWidth(width)
            self._docs[key] = doc
        return doc

    def _text_width(self, row_width: int) -> int:
        return row_width - 2 * (self._gap() + self._pad())

    def button_rects(self, row: QRect) -> list[QRect]:
        """Where the row's "Add to shortlist" and "Open" buttons are drawn (and clicked)."""
        metrics = QFontMetrics(self._view.font())
        height = px(MIN_TARGET + 4, self._zoom)
        x = row.left() + self._gap() + self._pad()
        y = row.bottom() - self._gap() - self._pad() - height + 1
        rects = []
        for label in self._labels:
            width = max(px(MIN_TARGET, self._zoom), metrics.horizontalAdvance(label) + 2 * px(12, self._zoom))
            rects.append(QRect(x, y, width, height))
            x += width + px(8, self._zoom)
        return rects

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.data(HTML_ROLE) is None:  # a group's heading
            base = super().sizeHint(option, index)
            return QSize(base.width(), max(base.height(), px(MIN_TARGET + 8, self._zoom)))
        width = self._row_width(index)
        doc = self._doc(index, self._text_width(width))
        if index.data(RESULT_ROLE) is None:  # a group's note: text alone
            return QSize(width, 2 * self._gap() + math.ceil(doc.size().height()))
        button = px(MIN_TARGET + 4, self._zoom)
        height = 2 * (self._gap() + self._pad()) + math.ceil(doc.size().height()) + self._pad() + button
        return QSize(width, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        c = COLOURS
        rect = QRect(option.rect.left(), option.rect.top(), self._row_width(index), option.rect.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, QColor(c["text"]))
        if index.data(RESULT_ROLE) is None:
            painter.save()
            painter.translate(rect.left() + self._gap() + self._pad(), rect.top() + self._gap())
            self._doc(index, self._text_width(rect.width())).documentLayout().draw(painter, context)
            painter.restore()
            return
        card = rect.adjusted(self._gap(), self._gap(), -self._gap(), -self._gap())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(c["background"]))
        thick = max(2, px(2, self._zoom))
        painter.setPen(QPen(QColor(c["focus"] if selected else c["border"]), thick if selected else 1))
        painter.drawRoundedRect(card, px(4, self._zoom), px(4, self._zoom))
        doc = self._doc(index, self._text_width(rect.width()))
        painter.translate(card.left() + self._pad(), card.top() + self._pad())
        doc.documentLayout().draw(painter, context)
        painter.restore()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._view.font())
        for label, button in zip(self._labels, self.button_rects(rect), strict=True):
            painter.setPen(QPen(QColor(c["border"]), 1))
            painter.setBrush(QColor(c["panel"]))
            painter.drawRoundedRect(button, px(4, self._zoom), px(4, self._zoom))
            painter.setPen(QColor(c["text"]))
            painter.drawText(button, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        kinds = (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )
        if index.data(RESULT_ROLE) is None or event.type() not in kinds:
            return super().editorEvent(event, model, option, index)
        assert isinstance(event, QMouseEvent)
        rect = QRect(option.rect.left(), option.rect.top(), self._row_width(index), option.rect.height())
        where = event.position().toPoint()
        for signal, button in zip(
            (self.addRequested, self.openRequested), self.button_rects(rect), strict=True
        ):
            if button.contains(where):
                if (
                    event.type() == QEvent.Type.MouseButtonRelease
                    and event.button() == Qt.MouseButton.LeftButton
                ):
                    signal.emit(str(index.data(ID_ROLE)))
                return event.type() != QEvent.Type.MouseButtonPress  # a press still selects the row
        return super().editorEvent(event, model, option, index)


class ResultTree(QTreeView):
    """The results, grouped by status; rows are laid out again when the width changes."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()


# --- the panel --------------------------------------------------------------------------------------


class ScreeningView(QWidget):
    """The screening tab: the form and its problems on the left, the results grouped by status on the right.

    The main window calls `set_language(lang)` after setting the new Localizer (or `retranslate()`
    alone when only interface strings change) and `set_zoom(zoom)` when the zoom changes.
    """

    #: The user wants this service on the shortlist.
    addToShortlist = Signal(str)
    #: The user wants to see this service's details.
    serviceRequested = Signal(str)

    def __init__(self, controller: ScreeningController, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screeningView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.controller = controller
        self._lang = lang
        self._zoom = 1.0
        self._report: Report | None = None
        self._problems: list[Problem] = []
        self._stale = False
        self._filling = False
        #: Answers to services' own questions, by question id (kept across screenings).
        self._answers: dict[str, bool] = {}
        self.answer_fields: dict[str, ChoiceCombo] = {}
        self._expanded = dict(OPEN_BY_DEFAULT)
        self._chevrons = {True: icon("mdi6.chevron-down"), False: icon("mdi6.chevron-right")}
        self._build_fields()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_form_side())
        splitter.addWidget(self._build_results_side())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for first, second in pairwise(self._tab_chain()):
            QWidget.setTabOrder(first, second)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.screen, context=context)
        controller.screened.connect(self._show_report)
        controller.refused.connect(self._show_problems)
        self._apply_local_style()
        self.retranslate()

    # --- building -------------------------------------------------------------------------------

    def _build_fields(self) -> None:
        f: dict[str, QWidget] = {}
        for spec in FIELDS:
            if spec.key == "year":
                year = QSpinBox()
                year.setRange(MIN_YEAR, MAX_YEAR)
                year.setValue(self.controller.default_year())
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
                f[spec.key] = ChoiceCombo((True, False), _yes_no)
        for key, widget in f.items():
            widget.setObjectName(f"field_{key.replace('.', '_')}")
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self)  # a field that gets the focus is scrolled into view
            if isinstance(widget, QComboBox):
                # Narrow enough for a narrow pane at 200%: the list still shows every choice in full.
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(8)
                widget.currentIndexChanged.connect(self._field_changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self._field_changed)
            elif isinstance(widget, QLineEdit):
                widget.textChanged.connect(self._field_changed)
        self.fields = f
        self.labels: dict[str, QLabel] = {}
        f["has_children"].currentIndexChanged.connect(self._children_choice_changed)  # type: ignore[attr-defined]
        f["children_ages"].textEdited.connect(self._children_ages_edited)  # type: ignore[attr-defined]
        f["business"].currentIndexChanged.connect(self._business_choice_changed)  # type: ignore[attr-defined]
        for key in _BUSINESS_FIELDS:
            widget = f[key]
            if isinstance(widget, MoneyEdit):
                widget.textEdited.connect(self._business_detail_edited)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self._business_detail_edited)
            elif isinstance(widget, ChoiceCombo):
                widget.currentIndexChanged.connect(self._business_detail_edited)

    def _build_form_side(self) -> QWidget:
        side = QWidget()
        outer = QVBoxLayout(side)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form_heading = QLabel(objectName="heading")
        outer.addWidget(self.form_heading)
        self.problems_box = QFrame(objectName="screeningProblems")
        self.problems_label = QLabel()
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.problems_box).addWidget(self.problems_label)
        self.problems_box.setVisible(False)
        outer.addWidget(self.problems_box)

        self.fields_box = FormBox(objectName="screeningForm")
        self.fields_box.submitted.connect(self.screen)  # Enter in any field
        self.fields_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        fields_layout = QVBoxLayout(self.fields_box)
        self.hint = QLabel(objectName="muted")
        self.hint.setWordWrap(True)
        fields_layout.addWidget(self.hint)
        self.group_boxes: dict[str, QGroupBox] = {}
        self._forms: list[QFormLayout] = []
        for section, keys in SECTIONS:
            host: QWidget = QWidget() if section is None else QGroupBox()
            if isinstance(host, QGroupBox):
                self.group_boxes[str(section)] = host
            form = QFormLayout(host)
            self._forms.append(form)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            if section is None:
                form.setContentsMargins(0, 0, 0, 0)
            for key in keys:
                label = QLabel(objectName="fieldLabel")
                label.setWordWrap(True)
                label.setBuddy(self.fields[key])
                self.labels[key] = label
                form.addRow(label, self.fields[key])
            fields_layout.addWidget(host)
        # The questions particular services ask (answered here, they settle those services).
        self.answers_box = QGroupBox(objectName="screeningAnswers")
        self.answers_form = QFormLayout(self.answers_box)
        self.answers_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.answers_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.answers_hint = QLabel(objectName="muted")
        self.answers_hint.setWordWrap(True)
        self.answers_form.addRow(self.answers_hint)
        self.answers_box.setVisible(False)
        fields_layout.addWidget(self.answers_box)
        fields_layout.addStretch(1)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.form_scroll.setWidget(self.fields_box)
        outer.addWidget(self.form_scroll, 1)

        buttons = QHBoxLayout()
        self.screen_button = QPushButton(objectName="primary")
        self.screen_button.clicked.connect(self.screen)
        self.screen_button.setAutoDefault(True)  # Enter on a focused button presses it
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setAutoDefault(True)
        buttons.addWidget(self.screen_button, 1)
        buttons.addWidget(self.clear_button)
        outer.addLayout(buttons)
        return side

    def _build_results_side(self) -> QWidget:
        side = QWidget()
        outer = QVBoxLayout(side)
        outer.setContentsMargins(0, 0, 0, 0)
        self.results_heading = QLabel(objectName="heading")
        outer.addWidget(self.results_heading)
        self.summary = QLabel()
        self.warning_label = QLabel()
        for label in (self.summary, self.warning_label):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setVisible(False)
            outer.addWidget(label)
        self.model = QStandardItemModel(self)
        self.tree = ResultTree(objectName="screeningResults")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)  # group rows show their own chevron
        self.tree.setUniformRowHeights(False)
        self.tree.setAnimated(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.delegate = ResultDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.delegate.addRequested.connect(self.addToShortlist)
        self.delegate.openRequested.connect(self.serviceRequested)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.expanded.connect(lambda index: self._group_folded(index, True))
        self.tree.collapsed.connect(lambda index: self._group_folded(index, False))
        outer.addWidget(self.tree, 1)
        self.empty_label = QLabel(objectName="muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.empty_label, 1)
        actions = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self._act_on_current(self.addToShortlist))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._act_on_current(self.serviceRequested))
        for button in (self.add_button, self.open_button):
            button.setAutoDefault(True)
        actions.addWidget(self.add_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        self._show_results_area()
        return side

    def _tab_chain(self) -> list[QWidget]:
        keys = [key for _section, keys in SECTIONS for key in keys]
        return [
            *(self.fields[key] for key in keys),
            *self.answer_fields.values(),
            self.screen_button,
            self.clear_button,
            self.tree,
            self.add_button,
            self.open_button,
        ]

    def _apply_local_style(self) -> None:
        """Backgrounds, the problem box's border and the labels' size, at the zoom (from COLOURS)."""
        c = COLOURS
        self.setStyleSheet(
            f"QWidget#screeningView, QWidget#screeningForm {{ background: {c['background']}; }}\n"
            f"QFrame#screeningProblems {{ border: {max(2, px(2, self._zoom))}px solid {c['ineligible']};"
            f" background: {c['background']}; }}\n"
            "QFrame#screeningProblems QLabel { border: none; }\n"
            f"QLabel#fieldLabel, QLabel#muted {{ font-size: {px(15, self._zoom)}px; }}\n"
        )

    # --- the form -------------------------------------------------------------------------------

    def _known(self, key: str) -> Any:
        return self.fields[key].known()  # type: ignore[attr-defined]

    def profile(self) -> dict[str, Any]:
        """What the form holds, as a profile: only the keys that are known."""
        out: dict[str, Any] = {"year": self.fields["year"].value()}  # type: ignore[attr-defined]
        for key in _PLAIN_FIELDS:
            if key != "year" and self._known(key) is not None:
                out[key] = self._known(key)
        ages = self._children_ages()
        if self._known("has_children") is False:
            out["children_ages"] = []
        elif ages:
            out["children_ages"] = ages
        details = {key.split(".", 1)[1]: self._known(key) for key in _BUSINESS_FIELDS}
        details = {key: value for key, value in details.items() if value is not None}
        if self._known("business") is False:
            out["business"] = False
        elif self._known("business") is True or details:
            out["business"] = details
        if self._answers:
            out["answers"] = dict(self._answers)
        return out

    def set_profile(self, profile: dict[str, Any]) -> None:
        """Fill the form from `profile` (as `profile()` gives it); every other field becomes not known.

        A key the form does not have, or a value it cannot show, is a ValueError and changes nothing.
        """
        previous = self.profile()
        self._filling = True  # the form's own links (a business detail means a business) rest
        try:
            self._reset_fields()
            self._fill(profile)
        except (ValueError, TypeError):
            self._reset_fields()
            self._fill(previous)
            raise
        finally:
            self._filling = False

    def _fill(self, profile: dict[str, Any]) -> None:
        f = self.fields
        for key, value in profile.items():
            if key == "year" and value is not None:
                if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
                    raise ValueError(f"year: {value!r} is not a year from {MIN_YEAR} to {MAX_YEAR}")
                f["year"].setValue(value)  # type: ignore[attr-defined]
            elif key == "children_ages" and value is not None:
                if not isinstance(value, list) or not all(type(age) is int and age >= 0 for age in value):
                    raise ValueError(f"children_ages: {value!r} is not a list of ages")
                f["has_children"].set_known(bool(value))  # type: ignore[attr-defined]
                f["children_ages"].setText(", ".join(str(age) for age in value))  # type: ignore[attr-defined]
            elif key == "business":
                if value is None or value is False:
                    f["business"].set_known(False)  # type: ignore[attr-defined]
                    continue
                if not isinstance(value, dict):
                    raise ValueError(f"business: {value!r} is neither false nor an object")
                f["business"].set_known(True)  # type: ignore[attr-defined]
                for sub, item in value.items():
                    if f"business.{sub}" not in _BUSINESS_FIELDS:
                        raise ValueError(f"business.{sub}: the form has no such field")
                    f[f"business.{sub}"].set_known(item)  # type: ignore[attr-defined]
            elif key in _PLAIN_FIELDS:
                f[key].set_known(value)  # type: ignore[attr-defined]
            elif key == "answers" and value is not None:
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, bool) for k, v in value.items()
                ):
                    raise ValueError("answers: expected question ids with true or false")
                self._answers = dict(value)
                self._rebuild_answers()
            elif key not in ("year", "children_ages", "answers"):
                raise ValueError(f"{key}: the form has no such field")

    def clear(self) -> None:
        """Every field back to not known (the year to this year); problems and results go too."""
        self._filling = True
        try:
            self._reset_fields()
        finally:
            self._filling = False
        self._problems = []
        self._report = None
        self._stale = False
        self._render_problems()
        self._fill_model()
        self._render_summary()
        self._rebuild_answers()
        self.fields["age"].setFocus()

    def _reset_fields(self) -> None:
        self._answers = {}
        self._rebuild_answers()
        for key, widget in self.fields.items():
            if key == "year":
                widget.setValue(self.controller.default_year())  # type: ignore[attr-defined]
            elif key == "children_ages":
                widget.clear()  # type: ignore[attr-defined]
            else:
                widget.set_known(None)  # type: ignore[attr-defined]

    def _children_ages(self) -> list[int]:
        text = self.fields["children_ages"].text()  # type: ignore[attr-defined]
        return [int(part) for part in re.split(r"[,\s]+", text) if part]

    def _children_choice_changed(self) -> None:
        if self._known("has_children") is not True:
            self.fields["children_ages"].clear()  # type: ignore[attr-defined]

    def _children_ages_edited(self, text: str) -> None:
        if text.strip(" ,") and not self._filling:
            self.fields["has_children"].set_known(True)  # type: ignore[attr-defined]

    def _business_choice_changed(self) -> None:
        if self._known("business") is False:
            for key in _BUSINESS_FIELDS:
                self.fields[key].set_known(None)  # type: ignore[attr-defined]

    def _business_detail_edited(self) -> None:
        if self._filling:
            return
        if any(self._known(key) is not None for key in _BUSINESS_FIELDS):
            self.fields["business"].set_known(True)  # type: ignore[attr-defined]

    def _field_changed(self) -> None:
        if self._report is not None and not self._stale:
            self._stale = True
            self._render_summary()

    # --- screening ------------------------------------------------------------------------------

    def screen(self) -> None:
        """Screen what the form holds (the Screen button, Enter in a field, Ctrl+Enter anywhere)."""
        for widget in self.fields.values():
            if isinstance(widget, QSpinBox):
                widget.interpretText()  # a number typed but not yet committed
        self.controller.screen(self.profile())

    # --- services' own questions ------------------------------------------------------------------

    def _open_questions(self) -> list[str]:
        """Ids of the services' own questions to show: those answered, then the open ones of the last
        report, most-needed first."""
        counts: dict[str, int] = {}
        if self._report is not None:
            for result in self._report.results:
                if result.status != MAYBE:
                    continue
                for missing in result.missing:
                    if missing["fact"] is None and self.controller.ask_question(missing["id"]):
                        counts[missing["id"]] = counts.get(missing["id"], 0) + 1
        open_ids = sorted(counts, key=lambda k: -counts[k])
        return [*self._answers, *(k for k in open_ids if k not in self._answers)]

    def _rebuild_answers(self) -> None:
        """One yes/no/not known field per question to show, in the interface language."""
        while self.answers_form.rowCount() > 1:
            self.answers_form.removeRow(1)
        self.answer_fields = {}
        for question_id in self._open_questions():
            ask = self.controller.ask_question(question_id)
            words = pick(ask["question"], self._lang) if ask else question_id
            service = pick(ask["service"], self._lang) if ask else ""
            label = QLabel(f"{_esc(words)} <span style='color:{COLOURS['muted']}'>({_esc(service)})</span>")
            label.setObjectName("fieldLabel")
            label.setWordWrap(True)
            combo = ChoiceCombo((True, False), _yes_no)
            combo.setObjectName(f"answer_{question_id}")
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.set_known(self._answers.get(question_id))
            combo.setAccessibleName(words)
            name_popup(combo, words)
            combo.installEventFilter(self)
            combo.currentIndexChanged.connect(
                lambda _index, qid=question_id, box=combo: self._answer_changed(qid, box)
            )
            label.setBuddy(combo)
            self.answers_form.addRow(label, combo)
            self.answer_fields[question_id] = combo
        self.answers_box.setVisible(bool(self.answer_fields))
        for first, second in pairwise(self._tab_chain()):
            QWidget.setTabOrder(first, second)

    def _answer_changed(self, question_id: str, combo: ChoiceCombo) -> None:
        value = combo.known()
        if value is None:
            self._answers.pop(question_id, None)
        else:
            self._answers[question_id] = value
        self._field_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A form field that gets the focus (Tab, a label's shortcut, a problem) is scrolled into view,
        so the focus never rests on a field out of sight."""
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QWidget)
            and self.fields_box.isAncestorOf(watched)
        ):
            margin = px(MIN_TARGET, self._zoom)
            self.form_scroll.ensureWidgetVisible(watched, margin, margin)
        return super().eventFilter(watched, event)

    def _show_report(self, report: Report) -> None:
        self._report = report
        self._problems = []
        self._stale = False
        self._render_problems()
        self._fill_model()
        self._render_summary()
        self._rebuild_answers()
        announce(self.tree, self.report_announcement())

    def report_announcement(self) -> str:
        """What a screening says aloud: how many services were screened, then each group and its count."""
        if self._report is None:
            return ""
        count = len(self._report.results)
        screened = ngettext(
            "{count} service screened for {year}.", "{count} services screened for {year}.", count
        ).format(count=count, year=self._report.year)
        return " ".join([screened, *(f"{heading}." for heading in self.group_headings().values())])

    def _show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self._report = None
        self._stale = False
        self._render_problems()
        self._fill_model()
        self._render_summary()
        announce(self.problems_label, self.problems_text(), urgent=True)
        first = next((p.field for p in self._problems if p.field in self.fields), None)
        if first is not None:
            self.form_scroll.ensureWidgetVisible(self.fields[first])
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def _render_problems(self) -> None:
        """The problems above the form, each naming its field; the fields' labels marked ⚠."""
        labels = _field_labels(self._lang)
        marked: dict[str, str] = {}
        items = []
        for problem in self._problems:
            key = problem.field
            if key in labels:
                marked.setdefault(key, problem.text())
                items.append(f"<li><b>{_esc(labels[key])}</b>: {_esc(problem.text())}</li>")
            else:
                items.append(f"<li>{_esc(problem.line())}</li>")
        if items:
            head = _esc(_("The form cannot be screened as it is. Please correct:"))
            self.problems_label.setText(
                f"<style>{detail_css(self._zoom)}</style><p class='ineligible'><b>{head}</b></p>"
                f"<ul class='ineligible'>{''.join(items)}</ul>"
            )
        self.problems_box.setVisible(bool(items))
        for key, label in self.labels.items():
            if key in marked:
                colour = COLOURS["ineligible"]
                label.setText(f"<span style='color:{colour}'>⚠ {_esc(labels[key])}</span>")
                self.fields[key].setAccessibleDescription(marked[key])
            else:
                label.setText(_esc(labels[key]))
                self.fields[key].setAccessibleDescription("")

    # --- results --------------------------------------------------------------------------------

    def _fill_model(self) -> None:
        """Put the report's results into the tree, one group per status, keeping the current row."""
        current = self._current_id()
        self.model.clear()
        self.delegate.reset(self._zoom, (_("Add to shortlist"), _("Open")))
        report = self._report
        if report is not None:
            for status, results in report.by_status().items():
                group = QStandardItem(f"{status_group_label(status)} ({len(results)})")
                group.setData(status, STATUS_ROLE)
                group.setData(group.text(), Qt.ItemDataRole.AccessibleTextRole)
                group.setEditable(False)
                font = QFont(self.tree.font())
                font.setBold(True)
                group.setFont(font)
                group.setForeground(QColor(COLOURS["accent"]))
                if status == NOT_ASSESSED and results:  # the same reason for all, said once
                    why = pick(results[0].reasons[0]["text"], self._lang)
                    note = QStandardItem(why)
                    note.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    note.setData(f"note:{status}", ID_ROLE)
                    note.setData(status, STATUS_ROLE)
                    note.setData(f"<p class='other'>{_esc(why)}</p>", HTML_ROLE)
                    note.setData(why, Qt.ItemDataRole.AccessibleTextRole)
                    group.appendRow(note)
                for result in results:
                    rich = result_html(result, self._lang)
                    item = QStandardItem(pick(result.names, self._lang))  # for typing to find a row
                    item.setEditable(False)
                    item.setData(result, RESULT_ROLE)
                    item.setData(result.id, ID_ROLE)
                    item.setData(status, STATUS_ROLE)
                    item.setData(rich, HTML_ROLE)
                    item.setData(plain_text(rich), Qt.ItemDataRole.AccessibleTextRole)
                    group.appendRow(item)
                group.setIcon(self._chevrons[False])
                self.model.appendRow(group)
                if results and self._expanded[status]:
                    self.tree.expand(group.index())  # turns the chevron too
        row = self._row_of(current) if current else None
        if row is not None:
            self.tree.setCurrentIndex(row)
        self._render_warnings()
        self._show_results_area()
        self._current_changed()

    def _show_results_area(self) -> None:
        shown = self._report is not None
        self.tree.setVisible(shown)
        self.empty_label.setVisible(not shown)
        if self._problems:
            self.empty_label.setText(_("Nothing was screened: correct the problems shown above the form."))
        else:
            self.empty_label.setText(
                _(
                    "Fill in what you know about the person and press Screen. "
                    "Anything left as “not known” becomes a question."
                )
            )

    def _render_warnings(self) -> None:
        warnings = [pick(w, self._lang) for w in self._report.warnings] if self._report else []
        self.warning_label.setText(
            f"<style>{detail_css(self._zoom)}</style>"
            + "".join(f"<p class='unknown'>⚠ {_esc(w)}</p>" for w in warnings)
        )
        self.warning_label.setVisible(bool(warnings))

    def _render_summary(self) -> None:
        report = self._report
        self.summary.setVisible(report is not None)
        if report is None:
            return
        count = len(report.results)
        lines = [
            ngettext(
                "{count} service screened for {year}.", "{count} services screened for {year}.", count
            ).format(count=count, year=report.year)
        ]
        median = report.parameters.get("median_income", {})
        if median.get("amount_krw") is not None:
            localizer = active()
            amount = localizer.format_krw(median["amount_krw"]) if localizer else f"{median['amount_krw']:,}"
            lines.append(
                _("Standard median income used: {year}, household of {size}: {amount} a month.").format(
                    year=median["year"], size=median["household_size"], amount=amount
                )
            )
        text = f"<style>{detail_css(self._zoom)}</style>"
        text += "".join(f"<p class='other'>{_esc(line)}</p>" for line in lines)
        if report.next_question:
            ask = _("The question that would settle the most: {question} ({count})").format(
                question=pick(report.next_question["question"], self._lang),
                count=ngettext(
                    "bears on {n} service", "bears on {n} services", report.next_question["settles"]
                ).format(n=report.next_question["settles"]),
            )
            text += f"<p class='maybe'><b>{_esc(ask)}</b></p>"
        if self._stale:
            stale = _("The form has changed since: press Screen to update these results.")
            text += f"<p class='maybe'><b>{_esc(stale)}</b></p>"
        self.summary.setText(text)

    def _group_folded(self, index: QModelIndex, expanded: bool) -> None:
        """Remember the group's state for the next screening, and turn its chevron."""
        status = index.data(STATUS_ROLE)
        if index.data(RESULT_ROLE) is None and status in self._expanded:
            self._expanded[status] = expanded
            item = self.model.itemFromIndex(index)
            if item is not None:
                item.setIcon(self._chevrons[expanded])

    def _current_id(self) -> str | None:
        index = self.tree.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() and index.data(RESULT_ROLE) else None

    def _row_of(self, service_id: str) -> QModelIndex | None:
        for group_row in range(self.model.rowCount()):
            group = self.model.item(group_row)
            for row in range(group.rowCount()):
                if group.child(row).data(ID_ROLE) == service_id:
                    return group.child(row).index()
        return None

    def _current_changed(self, *_args: object) -> None:
        on_result = self._current_id() is not None
        self.add_button.setEnabled(on_result)
        self.open_button.setEnabled(on_result)

    def _activated(self, index: QModelIndex) -> None:
        if index.data(RESULT_ROLE) is not None:
            self.serviceRequested.emit(str(index.data(ID_ROLE)))

    def _act_on_current(self, signal: SignalInstance) -> None:
        service_id = self._current_id()
        if service_id:
            signal.emit(service_id)

    # --- language and zoom ----------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Show catalogue texts in `lang` and set every string again (set the Localizer first)."""
        self._lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible string again through `_()`."""
        self.form_heading.setText(_("The person's situation"))
        self.results_heading.setText(_("Results"))
        self.hint.setText(
            _("Leave anything you do not know as “not known”: it becomes a question in the results.")
        )
        for section, box in self.group_boxes.items():
            box.setTitle(pick(SECTION_TITLES[section], self._lang))
        self.answers_box.setTitle(_("Questions particular services ask"))
        self.answers_hint.setText(
            _("Answer what you can and press Screen again: each answer settles the services that ask it.")
        )
        self._rebuild_answers()
        labels = _field_labels(self._lang)
        for key, widget in self.fields.items():
            widget.setAccessibleName(labels[key])
            if isinstance(widget, ChoiceCombo):
                widget.retranslate()
                name_popup(widget, labels[key])
            elif isinstance(widget, OptionalSpinBox):
                widget.setSpecialValueText(_("Not known"))
            elif isinstance(widget, MoneyEdit):
                widget.setPlaceholderText(_("Not known"))
        self.fields["children_ages"].setPlaceholderText(_("Ages, such as 0, 8"))  # type: ignore[attr-defined]
        self.screen_button.setText(_("Screen"))
        self.screen_button.setAccessibleName(_("Screen"))
        self.screen_button.setToolTip(_("Screen the situation against every service (Enter or Ctrl+Enter)"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear the form"))
        self.clear_button.setToolTip(_("Clear the form and the results"))
        self.tree.setAccessibleName(_("Screening results"))
        self.tree.setToolTip(_("Enter opens the service"))
        self.add_button.setText(_("Add to shortlist"))
        self.add_button.setAccessibleName(_("Add the selected service to the shortlist"))
        self.open_button.setText(_("Open service"))
        self.open_button.setAccessibleName(_("Open the selected service"))
        self.problems_label.setAccessibleName(_("Problems in the form"))
        self.add_button.setIcon(icon("mdi6.playlist-plus"))
        self.open_button.setIcon(icon("mdi6.open-in-new"))
        self._render_problems()
        self._fill_model()
        self._render_summary()

    def set_zoom(self, zoom: float) -> None:
        """Lay out the rich text again at `zoom` (100% to 200%); the main window sets the style sheet."""
        self._zoom = clamp_zoom(zoom)
        self._apply_local_style()
        wrap = QFormLayout.RowWrapPolicy
        for form in self._forms:  # from 150%, labels go above their fields, so the form fits the pane
            form.setRowWrapPolicy(wrap.WrapAllRows if self._zoom >= 1.5 else wrap.WrapLongRows)
        size = QSize(px(18, self._zoom), px(18, self._zoom))
        self.add_button.setIconSize(size)
        self.open_button.setIconSize(size)
        self._render_problems()
        self._fill_model()
        self._render_summary()

    # --- what is shown (for the main window and tests) ---------------------------------------------

    def result_status(self, service_id: str) -> str | None:
        """The group `service_id` is shown under, or None when it is not shown."""
        index = self._row_of(service_id)
        return None if index is None else str(index.data(STATUS_ROLE))

    def result_text(self, service_id: str) -> str:
        """Everything the row of `service_id` says, as plain text ("" when it is not shown)."""
        index = self._row_of(service_id)
        return "" if index is None else str(index.data(Qt.ItemDataRole.AccessibleTextRole))

    def result_index(self, service_id: str) -> QModelIndex | None:
        """The tree's index of `service_id`'s row."""
        return self._row_of(service_id)

    def group_headings(self) -> dict[str, str]:
        """Each group's heading as shown, by status."""
        return {
            str(self.model.item(row).data(STATUS_ROLE)): self.model.item(row).text()
            for row in range(self.model.rowCount())
        }

    def problems_text(self) -> str:
        """The problems shown above the form, as plain text ("" when there are none)."""
        return plain_text(self.problems_label.text()) if self.problems_box.isVisibleTo(self) else ""
