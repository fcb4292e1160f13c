"""The programme explorer, offscreen: the strategy tree, an action's details, links, keyboard and filter."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor

from explorer.core.catalog import Catalogue
from explorer.core.i18n import Localizer, _, set_localizer
from explorer.core.paths import Paths
from explorer.core.strategy import read_strategy
from explorer.ui.controllers.programmes import KEY_ROLE, ProgrammeController
from explorer.ui.theme import MIN_TARGET, stylesheet
from explorer.ui.views.programmes import ProgrammeView


@pytest.fixture
def view(catalogue: Catalogue, qtbot) -> ProgrammeView:
    panel = ProgrammeView(ProgrammeController(catalogue), "ko")
    qtbot.addWidget(panel)
    panel.setStyleSheet(stylesheet(1.0))  # as the main window does
    panel.resize(1280, 800)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def strategy(catalogue: Catalogue) -> list[dict[str, Any]]:
    return read_strategy(catalogue)


def _actions(strategy: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for g in strategy for p in g["programs"] for a in p["actions"]]


def _rows(view: ProgrammeView, parent: QModelIndex | None = None) -> list[QModelIndex]:
    """Every row of the tree's model, depth first."""
    model = view.tree.model()
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(_rows(view, index))
    return out


def _choose(view: ProgrammeView, key: str, qtbot) -> None:
    assert view.select(key)
    qtbot.waitUntil(lambda: view.current_key == key, timeout=2000)


def _use_english(paths: Paths, view: ProgrammeView) -> None:
    set_localizer(Localizer("en", paths.translations))
    view.set_language("en")


def test_tree_holds_every_goal_programme_and_action(view, strategy) -> None:
    keys = [index.data(KEY_ROLE) for index in _rows(view)]
    goals = [k for k in keys if k.startswith("goal:")]
    programmes = [k for k in keys if k.startswith("program:")]
    actions = [k for k in keys if k.startswith("action:")]
    assert len(goals) == 3
    assert len(programmes) == 14
    assert actions == [f"action:{a['id']}" for a in _actions(strategy)]
    model = view.tree.model()
    top = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert top[0] == "목표 1 · " + strategy[0]["names"]["ko"]
    labels = {index.data(KEY_ROLE): index.data() for index in _rows(view)}
    assert labels["program:7"].startswith("프로그램 7 · ")
    assert labels["action:p07-a1"].startswith(_("Action {n}").format(n=1) + " · ")
    assert labels["action:p07-s1"].startswith(_("Supporting") + " · ")


def test_action_budget_follows_the_interface_locale(view, qtbot, paths: Paths) -> None:
    _choose(view, "action:p03-a1", qtbot)  # 2.07 trillion won in the seed
    text = view.detail.toPlainText()
    assert "2.07조 원" in text
    assert "2.07 trillion" in text  # the source's own words beside it
    _choose(view, "action:p01-a2", qtbot)  # 97.126 billion
    assert re.search(r"971\.\d+억 원", view.detail.toPlainText())

    _use_english(paths, view)
    assert "₩97.13B" in view.detail.toPlainText()
    _choose(view, "action:p03-a1", qtbot)
    text = view.detail.toPlainText()
    assert "₩2.07T" in text and "조" not in text
    assert text.startswith("Goal 1 · Governance")  # the trail, relabelled
    assert view.tree.model().index(0, 0).data().startswith("Goal 1 · Governance")


def test_action_without_a_period_says_so(view, qtbot, strategy) -> None:
    undated = [a for a in _actions(strategy) if a["period"] is None]
    assert undated, "the seed has an action without a period"
    _choose(view, f"action:{undated[0]['id']}", qtbot)
    assert _("Period not given in the source") in view.detail.toPlainText()
    open_ended = next(a for a in _actions(strategy) if a["period"] and a["period"]["end"] is None)
    _choose(view, f"action:{open_ended['id']}", qtbot)
    text = view.detail.toPlainText()
    assert _("{start} onwards (no end year given)").format(start=open_ended["period"]["start"]) in text
    assert _("Period not given in the source") not in text


def _anchor_cursor(view: ProgrammeView, href: str) -> QTextCursor:
    """A cursor on the link to `href` in the detail pane."""
    document = view.detail.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                return cursor
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_service_links_emit_service_requested(view, qtbot, strategy) -> None:
    action = next(a for a in _actions(strategy) if len(a["services"]) >= 2)
    _choose(view, f"action:{action['id']}", qtbot)
    first, second = action["services"][:2]

    # Keyboard: Tab walks the links of the detail pane, Enter follows the focused one.
    view.detail.setFocus()
    for _step in range(12):
        qtbot.keyClick(view.detail, Qt.Key.Key_Tab)
        if view.detail.textCursor().charFormat().anchorHref().startswith("service:"):
            break
    assert view.detail.textCursor().charFormat().anchorHref() == f"service:{first}"
    with qtbot.waitSignal(view.serviceRequested, timeout=2000) as signal:
        qtbot.keyClick(view.detail, Qt.Key.Key_Return)
    assert signal.args == [first]

    # Mouse: a click on the second service's name.
    rect = view.detail.cursorRect(_anchor_cursor(view, f"service:{second}"))
    with qtbot.waitSignal(view.serviceRequested, timeout=2000) as signal:
        qtbot.mouseClick(view.detail.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [second]


def test_programme_lists_its_actions_as_links_that_select_them(view, qtbot, strategy) -> None:
    programme = strategy[1]["programs"][1]
    _choose(view, f"program:{programme['number']}", qtbot)
    text = view.detail.toPlainText()
    for action in programme["actions"]:
        assert action["names"]["ko"] in text
    last = programme["actions"][-1]
    rect = view.detail.cursorRect(_anchor_cursor(view, f"node:action:{last['id']}"))
    qtbot.mouseClick(view.detail.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.current_key == f"action:{last['id']}", timeout=2000)
    assert view.tree.currentIndex().data(KEY_ROLE) == f"action:{last['id']}"
    assert _("Period") in view.detail.toPlainText()


def test_keyboard_walks_and_opens_the_tree(view, qtbot, strategy) -> None:
    view.activateWindow()
    view.tree.setFocus()
    qtbot.waitUntil(view.tree.hasFocus, timeout=2000)
    goal = strategy[0]
    assert view.current_key == "goal:1"
    assert goal["names"]["ko"] in view.detail.toPlainText()

    qtbot.keyClick(view.tree, Qt.Key.Key_Right)
    assert view.tree.isExpanded(view.tree.currentIndex())
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    programme = goal["programs"][0]
    assert view.current_key == f"program:{programme['number']}"
    assert programme["names"]["ko"] in view.detail.toPlainText()

    qtbot.keyClick(view.tree, Qt.Key.Key_Return)  # Enter opens a programme
    assert view.tree.isExpanded(view.tree.currentIndex())
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    action = programme["actions"][0]
    assert view.current_key == f"action:{action['id']}"
    assert action["names"]["ko"] in view.detail.toPlainText()

    qtbot.keyClick(view.tree, Qt.Key.Key_Return)  # Enter on an action moves into its details
    qtbot.waitUntil(view.detail.hasFocus, timeout=2000)


def test_filter_narrows_the_tree(view, qtbot, strategy) -> None:
    zero_pay = [a["id"] for a in _actions(strategy) if "zero-pay" in a["services"]]
    assert zero_pay
    for typed in ("제로 페이", "ㅈㄹㅍㅇ", "ZERO-PAY"):
        view.filter.clear()
        if typed.isascii():
            qtbot.keyClicks(view.filter, typed)
        else:  # QTest types ASCII only; Korean arrives through the input method as text
            view.filter.insert(typed)
        shown = [i.data(KEY_ROLE) for i in _rows(view) if i.data(KEY_ROLE).startswith("action:")]
        assert shown and set(shown) <= {f"action:{a}" for a in zero_pay}, typed
        assert all(view.tree.isExpanded(i) for i in _rows(view) if view.tree.model().hasChildren(i))
        assert view.nothing.isHidden()

    view.filter.clear()
    view.filter.insert("없는말")
    qtbot.keyClicks(view.filter, "zq")
    assert view.tree.model().rowCount() == 0
    assert not view.nothing.isHidden() and "없는말zq" in view.nothing.text()

    view.filter.clear()
    assert len([i for i in _rows(view) if i.data(KEY_ROLE).startswith("goal:")]) == 3
    view.activateWindow()
    view.filter.setFocus()
    qtbot.waitUntil(view.filter.hasFocus, timeout=2000)
    qtbot.keyClick(view.filter, Qt.Key.Key_Down)
    qtbot.waitUntil(view.tree.hasFocus, timeout=2000)


def test_accessible_names_and_target_sizes(view, qtbot, paths: Paths) -> None:
    names = {
        view.filter: "Filter programmes and actions",
        view.tree: "Resilient Seoul goals, programmes and actions",
        view.detail: "Programme details",
    }
    for widget, message in names.items():
        assert widget.accessibleName() == _(message)
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.filter.height() >= MIN_TARGET
    view.tree.expandAll()
    qtbot.waitUntil(lambda: view.tree.visualRect(_rows(view)[-1]).isValid(), timeout=2000)
    for index in _rows(view)[:12]:
        assert view.tree.visualRect(index).height() >= MIN_TARGET, index.data()
    _use_english(paths, view)
    assert view.tree.accessibleName() == "Resilient Seoul goals, programmes and actions"
    assert view.tree.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Goal 1 · ")


def test_zoom_scales_the_details(view, qtbot) -> None:
    _choose(view, "action:p03-a1", qtbot)
    small = view.detail.document().size().height()
    view.set_zoom(2.0)
    assert view.detail.document().size().height() > small * 1.5
    assert "2.07조 원" in view.detail.toPlainText()
