"""The screening panel: a form for a person's situation on the left, grouped results on the right.

Every field starts as "not known" (a fact the profile leaves out becomes a question in the results).
The form holds only what a person could plausibly have: spin boxes stop at the core's limits, and
what the core still refuses (a person living alone in a household of three, a child older than the
parent) comes back as problems shown above the form, each naming its field, with the form untouched.

Results are rows of a tree grouped by status, each drawn as a card by `ResultDelegate` (rich text
laid out once per width), so a catalogue of thousands of services still answers at once.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

from explorer.ui.accessible import name_popup
from explorer.ui.announce import announce
from explorer.ui.controllers.language import _, ngettext, pick
from explorer.ui.controllers.screening import (
    SECTIONS as SECTION_TITLES,
)
from explorer.ui.controllers.screening import Problem, Report, ScreeningController
from explorer.ui.icons import icon
from explorer.ui.theme import COLOURS, MIN_TARGET, clamp_zoom, detail_css, px
from explorer.ui.views.screening.delegate import STATUS_ROLE
from explorer.ui.views.screening.fields import ChoiceCombo, MoneyEdit, OptionalSpinBox
from explorer.ui.views.screening.form import (
    BUSINESS_FIELDS,
    SECTIONS,
    FormBox,
    FormFields,
    add_sections,
    answer_row,
    field_labels,
    open_questions,
    problem_lines,
)
from explorer.ui.views.screening.results import ResultsPane
from explorer.ui.views.screening.richtext import esc, plain_text


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
        self._form = FormFields(self.controller.default_year())
        self.fields = self._form.widgets
        for widget in self.fields.values():
            widget.installEventFilter(self)  # a field that gets the focus is scrolled into view
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._field_changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self._field_changed)
            elif isinstance(widget, QLineEdit):
                widget.textChanged.connect(self._field_changed)
        self._form.has_children.currentIndexChanged.connect(self._children_choice_changed)
        self._form.children_ages.textEdited.connect(self._children_ages_edited)
        self._form.business.currentIndexChanged.connect(self._business_choice_changed)
        for key in BUSINESS_FIELDS:
            widget = self.fields[key]
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
        self.labels, self.group_boxes, self._forms = add_sections(self.fields, fields_layout)
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
        pane = ResultsPane(self, self._chevrons, self.addToShortlist, self.serviceRequested)
        self._results_pane = pane
        self.results_heading, self.summary, self.warning_label = (
            pane.heading,
            pane.summary,
            pane.warning_label,
        )
        self.model, self.tree, self.delegate = pane.model, pane.tree, pane.delegate
        self.empty_label, self.add_button, self.open_button = (
            pane.empty_label,
            pane.add_button,
            pane.open_button,
        )
        self._show_results_area()
        return pane.side

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
        return self._form.known(key)

    def profile(self) -> dict[str, Any]:
        """What the form holds, as a profile: only the keys that are known."""
        return self._form.profile(self._answers)

    def set_profile(self, profile: dict[str, Any]) -> None:
        """Fill the form from `profile` (as `profile()` gives it); every other field becomes not known.

        A key the form does not have, or a value it cannot show, is a ValueError and changes nothing.
        """
        previous = self.profile()
        self._filling = True  # the form's own links (a business detail means a business) rest
        try:
            self._reset_fields()
            self._form.fill(profile, self._set_answers)
        except (ValueError, TypeError):
            self._reset_fields()
            self._form.fill(previous, self._set_answers)
            raise
        finally:
            self._filling = False

    def _set_answers(self, answers: dict[str, bool]) -> None:
        self._answers = answers
        self._rebuild_answers()

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
        self._form.reset(self.controller.default_year())

    def _children_choice_changed(self) -> None:
        if self._known("has_children") is not True:
            self._form.children_ages.clear()

    def _children_ages_edited(self, text: str) -> None:
        if text.strip(" ,") and not self._filling:
            self._form.has_children.set_known(True)

    def _business_choice_changed(self) -> None:
        if self._known("business") is False:
            for key in BUSINESS_FIELDS:
                self._form.field(key).set_known(None)

    def _business_detail_edited(self) -> None:
        if self._filling:
            return
        if any(self._known(key) is not None for key in BUSINESS_FIELDS):
            self._form.business.set_known(True)

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

    def _rebuild_answers(self) -> None:
        """One yes/no/not known field per question to show, in the interface language."""
        while self.answers_form.rowCount() > 1:
            self.answers_form.removeRow(1)
        self.answer_fields = {}
        for question_id in open_questions(self._report, self._answers, self.controller.ask_question):
            ask = self.controller.ask_question(question_id)
            label, combo = answer_row(question_id, ask, self._lang, self._answers.get(question_id))
            combo.installEventFilter(self)
            combo.currentIndexChanged.connect(
                lambda _index, qid=question_id, box=combo: self._answer_changed(qid, box)
            )
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
        labels = field_labels(self._lang)
        items, marked = problem_lines(self._problems, labels)
        if items:
            head = esc(_("The form cannot be screened as it is. Please correct:"))
            self.problems_label.setText(
                f"<style>{detail_css(self._zoom)}</style><p class='ineligible'><b>{head}</b></p>"
                f"<ul class='ineligible'>{''.join(items)}</ul>"
            )
        self.problems_box.setVisible(bool(items))
        for key, label in self.labels.items():
            if key in marked:
                colour = COLOURS["ineligible"]
                label.setText(f"<span style='color:{colour}'>⚠ {esc(labels[key])}</span>")
                self.fields[key].setAccessibleDescription(marked[key])
            else:
                label.setText(esc(labels[key]))
                self.fields[key].setAccessibleDescription("")

    # --- results --------------------------------------------------------------------------------

    def _fill_model(self) -> None:
        """Put the report's results into the tree, one group per status, keeping the current row."""
        self._results_pane.fill(self._report, self._lang, self._zoom)
        self._render_warnings()
        self._show_results_area()
        self._results_pane.current_changed()

    def _show_results_area(self) -> None:
        self._results_pane.show_area(self._report is not None, bool(self._problems))

    def _render_warnings(self) -> None:
        self._results_pane.render_warnings(self._report, self._lang, self._zoom)

    def _render_summary(self) -> None:
        self._results_pane.render_summary(self._report, self._lang, self._zoom, self._stale)

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
        labels = field_labels(self._lang)
        for key, widget in self.fields.items():
            widget.setAccessibleName(labels[key])
            if isinstance(widget, ChoiceCombo):
                widget.retranslate()
                name_popup(widget, labels[key])
            elif isinstance(widget, OptionalSpinBox):
                widget.setSpecialValueText(_("Not known"))
            elif isinstance(widget, MoneyEdit):
                widget.setPlaceholderText(_("Not known"))
        self._form.children_ages.setPlaceholderText(_("Ages, such as 0, 8"))
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
        index = self._results_pane.row_of(service_id)
        return None if index is None else str(index.data(STATUS_ROLE))

    def result_text(self, service_id: str) -> str:
        """Everything the row of `service_id` says, as plain text ("" when it is not shown)."""
        index = self._results_pane.row_of(service_id)
        return "" if index is None else str(index.data(Qt.ItemDataRole.AccessibleTextRole))

    def result_index(self, service_id: str) -> QModelIndex | None:
        """The tree's index of `service_id`'s row."""
        return self._results_pane.row_of(service_id)

    def group_headings(self) -> dict[str, str]:
        """Each group's heading as shown, by status."""
        return self._results_pane.group_headings()

    def problems_text(self) -> str:
        """The problems shown above the form, as plain text ("" when there are none)."""
        return plain_text(self.problems_label.text()) if self.problems_box.isVisibleTo(self) else ""
