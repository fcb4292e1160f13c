"""The programme explorer: the Resilient Seoul strategy as a filterable tree, and details of a node."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.accessible import name_clear_button
from explorer.ui.announce import announce
from explorer.ui.controllers.language import _
from explorer.ui.controllers.programmes import KEY_ROLE, NodeDetail, ProgrammeController
from explorer.ui.theme import COLOURS, MIN_TARGET, clamp_zoom, detail_css, px


def detail_html(detail: NodeDetail, zoom: float) -> str:
    """The detail pane's HTML for one node; every text is escaped, links are "node:" or "service:"."""

    def link(href: str, text: str) -> str:
        return f"<a href='{html.escape(href, quote=True)}'>{html.escape(text)}</a>"

    css = detail_css(zoom) + f"span.other {{ color: {COLOURS['muted']}; }}\n"
    parts = [f"<html><head><style>{css}</style></head><body>"]
    if detail.trail:
        parts.append("<p class='other'>" + " › ".join(link(t.href, t.text) for t in detail.trail) + "</p>")
    parts.append(f"<h1>{html.escape(detail.label)} · {html.escape(detail.title)}</h1>")
    if detail.other_title:
        parts.append(f"<p class='other'>{html.escape(detail.other_title)}</p>")
    for block in detail.blocks:
        parts.append(f"<h2>{html.escape(block.title)}</h2>")
        css_class = " class='unknown'" if block.unknown else ""
        for number, paragraph in enumerate(block.paragraphs):
            aside = ""
            if block.aside and not number:
                aside = f" <span class='other'>({html.escape(block.aside)})</span>"
            parts.append(f"<p{css_class}>{html.escape(paragraph)}{aside}</p>")
        if block.items:
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ul>")
        if block.links:
            parts.append("<ul>" + "".join(f"<li>{link(x.href, x.text)}</li>" for x in block.links) + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)


class WrappingDelegate(QStyledItemDelegate):
    """Sizes each row to its label wrapped at the width the tree gives it, so no label is cut off."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        #: Horizontal padding the style sheet gives a row (both sides), in pixels; set with the zoom.
        self.padding = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        tree = self._tree
        levels = depth + (1 if tree.rootIsDecorated() else 0)
        # The style wraps at the width it is given less the icon; the style sheet's padding is not counted.
        room = tree.indentation() * levels + self.padding
        width = max(80, tree.viewport().width() - room)
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, width, max(1, option.rect.height()))
        return super().sizeHint(sized, index)


class StrategyTree(QTreeView):
    """A tree whose rows wrap their labels and are laid out again when its width changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wrapping = WrappingDelegate(self)
        self.setItemDelegate(self.wrapping)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def viewportEvent(self, event: QEvent) -> bool:
        """Lay the rows out again when the viewport's width changes (a resize, the scroll bar)."""
        if (
            event.type() == QEvent.Type.Resize
            and isinstance(event, QResizeEvent)
            and event.size().width() != event.oldSize().width()
        ):
            self.scheduleDelayedItemsLayout()
        return super().viewportEvent(event)


class LinkBrowser(QTextBrowser):
    """A text browser that tells when Tab or Shift+Tab puts the keyboard on a link (Qt selects the
    link's words without a signal or an accessibility event of its own)."""

    #: The keyboard is on a link; carries its words.
    linkFocused = Signal(str)

    def focusNextPrevChild(self, next: bool) -> bool:
        moved = super().focusNextPrevChild(next)
        cursor = self.textCursor()
        if moved and self.hasFocus() and cursor.hasSelection():
            probe = QTextCursor(cursor)
            probe.setPosition(min(cursor.position(), cursor.anchor()) + 1)
            if probe.charFormat().isAnchor():
                self.linkFocused.emit(cursor.selectedText().strip())
        return moved


class ProgrammeView(QWidget):
    """A filter box and the strategy tree on the left, the selected node's details on the right.

    Keyboard: Down in the filter box moves into the tree; in the tree, arrows move and Right/Left
    open and close, Enter opens a goal or programme or, on an action, moves into the details, where
    Tab walks the links and Enter follows one.
    """

    #: A service link was followed (clicked, or Enter on it); carries the service id.
    serviceRequested = Signal(str)

    def __init__(self, controller: ProgrammeController, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("programmeView")
        self._lang = lang
        self._zoom = 1.0
        self._key = ""

        self.filter = QLineEdit(objectName="programmeFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.installEventFilter(self)

        self.tree = StrategyTree()
        self.tree.setObjectName("programmeTree")
        self.tree.setModel(controller.filtered)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setExpandsOnDoubleClick(False)  # activation (double click, Enter) toggles instead
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.nothing = QLabel(objectName="muted")
        self.nothing.setWordWrap(True)
        self.nothing.hide()

        self.detail = LinkBrowser(objectName="programmeDetail")
        self.detail.setOpenLinks(False)
        self.detail.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.nothing)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([480, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.filter, self.tree)
        self.setTabOrder(self.tree, self.detail)

        self.filter.textChanged.connect(self._filter_changed)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self.detail.anchorClicked.connect(self._follow)
        # Tab onto a link selects it without any focus event of its own: say the link.
        self.detail.linkFocused.connect(self._link_focused)

        self.set_zoom(1.0)
        self.retranslate()
        first = controller.filtered.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)

    # --- what the main window calls --------------------------------------------------------------

    @property
    def current_key(self) -> str:
        """The node shown in the detail pane ("goal:1", "program:7", "action:p07-a1"), or ""."""
        return self._key

    def set_language(self, lang: str) -> None:
        """Show labels and details in `lang` (call after the main window has set the new Localizer)."""
        self._lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible string again through the active interface language."""
        self.controller.relabel(self._lang)
        self.tree.scheduleDelayedItemsLayout()  # new labels wrap to new heights
        self.filter.setPlaceholderText(_("Filter programmes and actions"))
        self.filter.setAccessibleName(_("Filter programmes and actions"))
        name_clear_button(self.filter, _("Clear the filter"))
        self.tree.setAccessibleName(_("Resilient Seoul goals, programmes and actions"))
        self.detail.setAccessibleName(_("Programme details"))
        self._update_nothing()
        self._render()

    def set_zoom(self, zoom: float) -> None:
        """Scale the detail text, the icons and the smallest targets to `zoom` (1.0 to 2.0)."""
        self._zoom = clamp_zoom(zoom)
        self.tree.setIconSize(QSize(px(20, self._zoom), px(20, self._zoom)))
        self.filter.setMinimumHeight(px(MIN_TARGET, self._zoom))
        self.tree.wrapping.padding = px(8, self._zoom) + 2
        self.tree.scheduleDelayedItemsLayout()
        self._render()

    def select(self, key: str) -> bool:
        """Select node `key` in the tree (clearing a filter that hides it); False when there is none."""
        source = self.controller.index_of(key)
        if not source.isValid():
            return False
        index = self.controller.filtered.mapFromSource(source)
        if not index.isValid():
            self.filter.clear()
            index = self.controller.filtered.mapFromSource(source)
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    # --- reactions -------------------------------------------------------------------------------

    def _render(self) -> None:
        detail = self.controller.detail(self._key) if self._key else None
        if detail is None:
            self.detail.setHtml(
                f"<html><head><style>{detail_css(self._zoom)}</style></head><body><p>"
                + html.escape(_("Choose a goal, programme or action to see it here."))
                + "</p></body></html>"
            )
            self.detail.setAccessibleDescription("")
            return
        self.detail.setHtml(detail_html(detail, self._zoom))
        self.detail.setAccessibleDescription(f"{detail.label} · {detail.title}")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        if key and key != self._key:
            self._key = key
            self._render()

    def _activated(self, index: QModelIndex) -> None:
        if self.controller.filtered.hasChildren(index):
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        else:
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter_changed(self, text: str) -> None:
        self.controller.set_filter(text)
        if text.strip():
            self.tree.expandAll()
        current = self.controller.index_of(self._key) if self._key else QModelIndex()
        if current.isValid():
            visible = self.controller.filtered.mapFromSource(current)
            if visible.isValid():
                self.tree.scrollTo(visible)
        self._update_nothing()

    def _update_nothing(self) -> None:
        text = self.filter.text().strip()
        empty = bool(text) and self.controller.filtered.rowCount() == 0
        was = self.nothing.text()
        self.nothing.setText(_("Nothing matches “{text}”.").format(text=text) if empty else "")
        self.nothing.setVisible(empty)
        if empty and self.nothing.text() != was:
            announce(self.filter, self.nothing.text())

    def _link_focused(self, words: str) -> None:
        """Announce the link the keyboard is on: its words, and that Enter follows it."""
        if words:
            announce(self.detail, _("Link: {text}. Enter follows it.").format(text=words))

    def _follow(self, url: QUrl) -> None:
        scheme, _colon, rest = url.toString().partition(":")
        if scheme == "service" and rest:
            self.serviceRequested.emit(rest)
        elif scheme == "node" and self.select(rest):
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter box moves into the tree, onto its first row when none is current."""
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            if not self.tree.currentIndex().isValid() and self.controller.filtered.rowCount():
                self.tree.setCurrentIndex(self.controller.filtered.index(0, 0))
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)
