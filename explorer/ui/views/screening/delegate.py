"""The screening results' rows: the item data each row carries, the card `ResultDelegate` draws it as
(rich text laid out once per width, so a long list costs only the rows on screen) and the tree.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from explorer.ui.theme import COLOURS, MIN_TARGET, detail_css, px

#: Item data: a result row's ServiceResult, its id, its status and its rich text. A group's heading
#: has no rich text; a group's note (why nothing was assessed) has rich text but no result.
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
HTML_ROLE = Qt.ItemDataRole.UserRole + 4


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
