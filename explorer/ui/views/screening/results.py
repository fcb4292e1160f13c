"""The screening results as the panel shows them: each service's result as rich text, the groups by
status they are put in (a heading, for services not assessed a note saying why, then one row per
service), the summary above them, and the results side of the panel that holds them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, SignalInstance
from PySide6.QtGui import QColor, QFont, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from explorer.ui.controllers.language import _, active, ngettext, pick
from explorer.ui.controllers.screening import (
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    MET,
    NOT_ASSESSED,
    NOT_MET,
    UNKNOWN_OUTCOME,
    Report,
    ServiceResult,
    status_group_label,
)
from explorer.ui.theme import COLOURS, detail_css
from explorer.ui.views.screening.delegate import (
    HTML_ROLE,
    ID_ROLE,
    RESULT_ROLE,
    STATUS_ROLE,
    ResultDelegate,
    ResultTree,
)
from explorer.ui.views.screening.richtext import esc, plain_text

#: Groups open after screening; the others start folded (the user's choice is kept from then on).
OPEN_BY_DEFAULT = {ELIGIBLE: True, MAYBE: True, INELIGIBLE: False, NOT_ASSESSED: False}
_OUTCOME_CLASS = {MET: "eligible", NOT_MET: "ineligible", UNKNOWN_OUTCOME: "maybe"}


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
    e = esc
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


def group_item(
    status: str, results: list[ServiceResult], lang: str, font: QFont, chevron: QIcon
) -> QStandardItem:
    """A group's heading (in bold `font`, with its `chevron`) and its rows: the reason once when none
    was assessed, then each result."""
    group = QStandardItem(f"{status_group_label(status)} ({len(results)})")
    group.setData(status, STATUS_ROLE)
    group.setData(group.text(), Qt.ItemDataRole.AccessibleTextRole)
    group.setEditable(False)
    font = QFont(font)
    font.setBold(True)
    group.setFont(font)
    group.setForeground(QColor(COLOURS["accent"]))
    if status == NOT_ASSESSED and results:  # the same reason for all, said once
        why = pick(results[0].reasons[0]["text"], lang)
        note = QStandardItem(why)
        note.setFlags(Qt.ItemFlag.ItemIsEnabled)
        note.setData(f"note:{status}", ID_ROLE)
        note.setData(status, STATUS_ROLE)
        note.setData(f"<p class='other'>{esc(why)}</p>", HTML_ROLE)
        note.setData(why, Qt.ItemDataRole.AccessibleTextRole)
        group.appendRow(note)
    for result in results:
        rich = result_html(result, lang)
        item = QStandardItem(pick(result.names, lang))  # for typing to find a row
        item.setEditable(False)
        item.setData(result, RESULT_ROLE)
        item.setData(result.id, ID_ROLE)
        item.setData(status, STATUS_ROLE)
        item.setData(rich, HTML_ROLE)
        item.setData(plain_text(rich), Qt.ItemDataRole.AccessibleTextRole)
        group.appendRow(item)
    group.setIcon(chevron)
    return group


def summary_html(report: Report, lang: str, zoom: float, stale: bool) -> str:
    """What the report covers (services, year, the median income used), the question that would
    settle the most, and whether the form has changed since (`stale`)."""
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
    text = f"<style>{detail_css(zoom)}</style>"
    text += "".join(f"<p class='other'>{esc(line)}</p>" for line in lines)
    if report.next_question:
        ask = _("The question that would settle the most: {question} ({count})").format(
            question=pick(report.next_question["question"], lang),
            count=ngettext(
                "bears on {n} service", "bears on {n} services", report.next_question["settles"]
            ).format(n=report.next_question["settles"]),
        )
        text += f"<p class='maybe'><b>{esc(ask)}</b></p>"
    if stale:
        stale_line = _("The form has changed since: press Screen to update these results.")
        text += f"<p class='maybe'><b>{esc(stale_line)}</b></p>"
    return text


class ResultsPane:
    """The results side of the screening panel (`side`): heading, summary, warnings, the tree of results
    grouped by status (or, before any screening, a hint), and "Add to shortlist" and "Open service".

    Not a widget itself: it builds and fills the side's widgets; the panel's `addToShortlist` and
    `serviceRequested` signals are given to it and emitted from the rows and buttons.
    """

    def __init__(
        self,
        owner: QWidget,
        chevrons: dict[bool, QIcon],
        add_requested: SignalInstance,
        service_requested: SignalInstance,
    ) -> None:
        self._chevrons = chevrons
        self._service_requested = service_requested
        self._expanded = dict(OPEN_BY_DEFAULT)
        self.side = QWidget()
        outer = QVBoxLayout(self.side)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(objectName="heading")
        outer.addWidget(self.heading)
        self.summary = QLabel()
        self.warning_label = QLabel()
        for label in (self.summary, self.warning_label):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setVisible(False)
            outer.addWidget(label)
        self.model = QStandardItemModel(owner)
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
        self.delegate.addRequested.connect(add_requested)
        self.delegate.openRequested.connect(service_requested)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self.current_changed)
        self.tree.expanded.connect(lambda index: self._group_folded(index, True))
        self.tree.collapsed.connect(lambda index: self._group_folded(index, False))
        outer.addWidget(self.tree, 1)
        self.empty_label = QLabel(objectName="muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.empty_label, 1)
        actions = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self._act_on_current(add_requested))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self._act_on_current(service_requested))
        for button in (self.add_button, self.open_button):
            button.setAutoDefault(True)
        actions.addWidget(self.add_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        outer.addLayout(actions)

    def fill(self, report: Report | None, lang: str, zoom: float) -> None:
        """Put the report's results into the tree, one group per status, keeping the current row."""
        current = self.current_id()
        self.model.clear()
        self.delegate.reset(zoom, (_("Add to shortlist"), _("Open")))
        if report is not None:
            for status, results in report.by_status().items():
                group = group_item(status, results, lang, self.tree.font(), self._chevrons[False])
                self.model.appendRow(group)
                if results and self._expanded[status]:
                    self.tree.expand(group.index())  # turns the chevron too
        row = self.row_of(current) if current else None
        if row is not None:
            self.tree.setCurrentIndex(row)

    def show_area(self, screened: bool, problems: bool) -> None:
        """The tree once something was screened; before that, what to do (or that problems stopped it)."""
        self.tree.setVisible(screened)
        self.empty_label.setVisible(not screened)
        if problems:
            self.empty_label.setText(_("Nothing was screened: correct the problems shown above the form."))
        else:
            self.empty_label.setText(
                _(
                    "Fill in what you know about the person and press Screen. "
                    "Anything left as “not known” becomes a question."
                )
            )

    def render_warnings(self, report: Report | None, lang: str, zoom: float) -> None:
        warnings = [pick(w, lang) for w in report.warnings] if report else []
        self.warning_label.setText(
            f"<style>{detail_css(zoom)}</style>"
            + "".join(f"<p class='unknown'>⚠ {esc(w)}</p>" for w in warnings)
        )
        self.warning_label.setVisible(bool(warnings))

    def render_summary(self, report: Report | None, lang: str, zoom: float, stale: bool) -> None:
        self.summary.setVisible(report is not None)
        if report is None:
            return
        self.summary.setText(summary_html(report, lang, zoom, stale))

    def _group_folded(self, index: QModelIndex, expanded: bool) -> None:
        """Remember the group's state for the next screening, and turn its chevron."""
        status = index.data(STATUS_ROLE)
        if index.data(RESULT_ROLE) is None and status in self._expanded:
            self._expanded[status] = expanded
            item = self.model.itemFromIndex(index)
            if item is not None:
                item.setIcon(self._chevrons[expanded])

    def current_id(self) -> str | None:
        """The id of the service on the current row, or None when the current row is not a result."""
        index = self.tree.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() and index.data(RESULT_ROLE) else None

    def row_of(self, service_id: str) -> QModelIndex | None:
        """The tree's index of `service_id`'s row, or None when it is not shown."""
        for group_row in range(self.model.rowCount()):
            group = self.model.item(group_row)
            for row in range(group.rowCount()):
                if group.child(row).data(ID_ROLE) == service_id:
                    return group.child(row).index()
        return None

    def group_headings(self) -> dict[str, str]:
        """Each group's heading as shown, by status."""
        return {
            str(self.model.item(row).data(STATUS_ROLE)): self.model.item(row).text()
            for row in range(self.model.rowCount())
        }

    def current_changed(self, *_args: object) -> None:
        on_result = self.current_id() is not None
        self.add_button.setEnabled(on_result)
        self.open_button.setEnabled(on_result)

    def _activated(self, index: QModelIndex) -> None:
        if index.data(RESULT_ROLE) is not None:
            self._service_requested.emit(str(index.data(ID_ROLE)))

    def _act_on_current(self, signal: SignalInstance) -> None:
        service_id = self.current_id()
        if service_id:
            signal.emit(service_id)
