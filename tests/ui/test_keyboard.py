"""Keyboard only, in both faces: shortcuts, arrows into the results, focus always in view, the focus
after every easy screen change, Tab order, Enter on buttons, the number pad's keys, and nothing of
the touch keyboard or the number pad hidden or overlapping at 1920 x 1080."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from explorer.core.kiosk import KioskConfig
from explorer.ui.easy.kiosk import Kiosk
from explorer.ui.easy.pages import QuestionPage
from explorer.ui.easy.widgets import BigButton
from explorer.ui.easy.window import EasyWindow
from explorer.ui.views.main_window import MainWindow
from tests.ui.test_easy import easy, every_screen, printed, quick_search  # noqa: F401 - fixtures


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


# --- the standard window --------------------------------------------------------------------------


def test_ctrl_and_a_number_switch_tabs(window: MainWindow, qtbot: QtBot) -> None:
    for number in (2, 3, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == number - 1


def test_down_and_up_from_the_search_box_move_into_the_results(window: MainWindow, qtbot: QtBot) -> None:
    window.search.setFocus()
    window.search.setText("돌봄")
    qtbot.waitUntil(lambda: window.controller.query == "돌봄" and not window.controller.pending, timeout=5000)
    assert window.controller.shown_count > 2
    window.list.setCurrentIndex(window.controller.model.index(0))
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.list.hasFocus() and window.list.currentIndex().row() == 0
    qtbot.keyClick(window.list, Qt.Key.Key_Down)
    assert window.list.currentIndex().row() == 1  # and on down the list, as a list does
    window.search.setFocus()
    window.list.setCurrentIndex(window.controller.model.index(-1))  # nothing current
    qtbot.keyClick(window.search, Qt.Key.Key_Up)
    assert window.list.hasFocus() and window.list.currentIndex().row() == window.controller.shown_count - 1
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_tab_never_leaves_a_screening_field_out_of_view(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1100, 620)
    window.set_zoom(2.0, save=False)
    window.tabs.setCurrentIndex(2)
    view = window.screening
    assert view is not None
    qtbot.wait(50)
    fields = list(view.fields.values())  # type: ignore[attr-defined]
    fields[0].setFocus()
    seen = 0
    for _ in range(len(fields) + 2):
        widget = focused()
        if widget is not None and view.fields_box.isAncestorOf(widget):  # type: ignore[attr-defined]
            seen += 1
            viewport = view.form_scroll.viewport()  # type: ignore[attr-defined]
            box = rect_in(widget, viewport)
            assert viewport.rect().contains(box), f"{widget.objectName()} at {box} outside {viewport.rect()}"
        qtbot.keyClick(widget or window, Qt.Key.Key_Tab)
    assert seen >= len(fields) - 1
    assert view.form_scroll.verticalScrollBar().value() > 0  # type: ignore[attr-defined]


# --- easy mode: focus and Tab ------------------------------------------------------------------


def test_the_focus_is_on_the_heading_after_every_change_of_screen(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    for screen in every_screen(easy, qtbot):
        target = easy.page.focus_target()
        assert focused() is target, f"{screen}: focus on {focused()!r}, not {target!r}"
        if screen == "search":
            assert target is easy.pages["search"].box  # type: ignore[attr-defined]
        else:
            assert target is easy.page.heading and target.text()  # type: ignore[attr-defined]
    for move in (easy.go_back, easy.go_home, lambda: easy.set_language("en"), lambda: easy.go("help")):
        move()
        assert focused() is easy.page.focus_target()
    easy.go("ask", ("ansimi",))
    first = easy.page.heading.text()  # type: ignore[attr-defined]
    qtbot.keyClick(easy.page.choices()[0], Qt.Key.Key_Space)  # an answer: the next question or results
    assert easy.page.heading.text() != first and focused() is easy.page.focus_target()  # type: ignore[attr-defined]


def test_tab_goes_through_the_screen_before_the_bottom_bar(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    easy.go("service", "ansimi")
    page = easy.pages["service"]
    chain = easy.focus_chain()
    bottom = [easy.read, easy.find, easy.help]
    assert chain[-3:] == bottom
    content = chain[chain.index(page.heading) : -3]  # type: ignore[attr-defined]
    assert content[0] is page.heading  # type: ignore[attr-defined]
    assert content[1:4] == list(page.part_buttons.values())  # type: ignore[attr-defined]
    assert page.area in content and content[-1] is page.take  # type: ignore[attr-defined]
    # Real Tab presses follow the chain, and Shift+Tab walks it back.
    page.heading.setFocus()  # type: ignore[attr-defined]
    walked = []
    for _ in range(len(chain)):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        walked.append(focused())
    start = chain.index(page.heading)  # type: ignore[attr-defined]
    assert walked == chain[start + 1 :] + chain[: start + 1]
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused() is chain[start - 1]


def test_return_enter_and_keypad_enter_press_the_focused_button(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    for key, modifier in (
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
    ):
        easy.go_home()
        tile = easy.page.choices()[0]
        tile.setFocus()
        qtbot.keyClick(tile, key, modifier)
        assert easy.route[0] in ("topic", "list"), key
        assert focused() is easy.page.focus_target()


def test_the_number_pad_takes_the_digit_keys_backspace_and_enter(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    easy.go("ask", ("boram-jobs", "50-plus-internship", "50-plus-campus"))
    page = easy.page
    assert isinstance(page, QuestionPage) and page.pad.isVisible()
    heading = focused()
    assert heading is page.heading
    qtbot.keyClicks(heading, "79")
    qtbot.keyClick(heading, Qt.Key.Key_Backspace)
    qtbot.keyClick(heading, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    assert page.pad.digits == "72"
    question = page.question
    qtbot.keyClick(heading, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert page.question is not question or easy.route[0] == "results"  # 72 was taken: on to the next
    assert focused() is easy.page.focus_target()
    # On a focused key, Enter presses that key (as Space does); digits typed still go to the pad.
    easy.reset(easy.lang)  # a new person: the age is asked again (boram-jobs also asks where they live)
    easy.go("ask", ("boram-jobs",))
    pad = easy.page.pad  # type: ignore[attr-defined]
    assert pad.isVisible() and pad.digits == ""
    pad.keys["4"].setFocus()
    qtbot.keyClick(pad.keys["4"], Qt.Key.Key_Return)
    qtbot.keyClick(pad.keys["4"], Qt.Key.Key_5)
    assert pad.digits == "45"


def test_the_kiosk_warning_takes_the_focus_and_keeps_tab(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    kiosk = Kiosk(easy, KioskConfig(language="ko"))
    easy.show()  # new window flags hide a window until it is shown again (offscreen it stays inactive,
    qtbot.waitExposed(easy)  # so the window's own focus widget is what is checked)
    try:
        kiosk.warn()
        assert easy.focusWidget() is kiosk.more_time
        qtbot.keyClick(kiosk.more_time, Qt.Key.Key_Tab)
        assert easy.focusWidget() is kiosk.more_time  # the only thing to do on the warning
        qtbot.keyClick(kiosk.more_time, Qt.Key.Key_Return)
        assert not kiosk.warning.isVisible() and easy.focusWidget() is easy.page.focus_target()
        kiosk.open_staff()
        assert easy.focusWidget() is kiosk.pad.keys["1"]
        qtbot.keyClicks(kiosk.pad.keys["1"], "12")
        assert kiosk.pad.digits == "12"
        kiosk.close_staff()
        assert easy.focusWidget() is easy.page.focus_target()
    finally:
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(kiosk)
        app.setQuitOnLastWindowClosed(True)  # type: ignore[attr-defined]
        kiosk.leaving = True


# --- easy mode: nothing hidden, nothing overlapping at 1920 x 1080 ---------------------------------


def test_the_touch_keyboard_is_whole_and_above_the_bottom_bar(
    quick_search: None,  # noqa: F811
    easy: EasyWindow,  # noqa: F811
    qtbot: QtBot,
) -> None:
    keyboard = easy.keyboard
    assert keyboard is not None, "Qt Virtual Keyboard did not load"
    for words in ("", "돌봄", "고독사 예방"):
        easy.go("search")
        easy.pages["search"].box.setText(words)  # type: ignore[attr-defined]
        qtbot.wait(200)  # the search (30 ms after the text, `quick_search`) answered and laid out
        bar = rect_in(easy.read.parentWidget(), easy)
        keys = rect_in(keyboard, easy)
        assert keys.bottom() < bar.top(), f"the keyboard {keys} runs under the bottom bar {bar}"
        assert rect_in(easy.page, easy).contains(keys)
        panel = keyboard.rootObject().findChild(QQuickItem, "inputPanel")
        assert panel.y() >= 0 and panel.y() + panel.height() <= keyboard.height() + 0.5, (
            f"keys cut off: panel {panel.y()}+{panel.height()} in {keyboard.height()}"
        )
        for button in easy.page.choices():
            assert not rect_in(button, easy).intersects(keys), f"{button.text()} is under the keyboard"


def _no_overlap(page: QWidget, what: str) -> None:
    buttons = [b for b in page.findChildren(BigButton) if b.isVisible()]
    boxes = [(b.text(), rect_in(b, page)) for b in buttons]
    for i, (name, box) in enumerate(boxes):
        assert page.rect().contains(box), f"{what}: {name!r} {box} outside the screen {page.rect()}"
        for other, second in boxes[i + 1 :]:
            assert not box.intersects(second), f"{what}: {name!r} {box} overlaps {other!r} {second}"


def test_no_question_screen_has_overlapping_buttons(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    controller = easy.controller
    every = {sid for topic in controller.topics for sid in controller.services_for(list(topic.categories))}
    easy.go("ask", tuple(sorted(sid for sid in every if controller.can_check(sid))))
    asked = set()
    while easy.route[0] == "question":
        page = easy.page
        assert isinstance(page, QuestionPage) and page.question is not None
        qtbot.wait(20)
        _no_overlap(page, page.question.key)
        asked.add(page.question.kind)
        page.answered.emit(page.question.key, None)
    assert {"number", "children"} <= asked, asked
