"""What a screen reader gets from both windows, offscreen: announcements, names, roles and states,
and the focus ring's contrast (the real AT-SPI bus is in test_atspi_bus.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from explorer.core.i18n import _, ngettext
from explorer.ui import announce as announce_module
from explorer.ui import theme
from explorer.ui.easy import theme as easy_theme
from explorer.ui.easy.window import EasyWindow
from explorer.ui.views.main_window import MainWindow
from tests.ui.test_easy import easy, every_screen, printed  # noqa: F401 - fixtures

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
#: Each language's own name for itself is in that language on purpose.
OWN_NAMES = {"한국어", "English"}


@pytest.fixture
def heard() -> Iterator[list[tuple[str, bool]]]:
    """Every announcement made during the test, as (text, urgent)."""
    said: list[tuple[str, bool]] = []
    stop = announce_module.listen(lambda _source, text, urgent: said.append((text, urgent)))
    yield said
    stop()


def _type(widget: QLineEdit, text: str) -> None:
    for char in text:
        widget.insert(char)


def accessible_name(widget: QObject) -> str:
    """The name a screen reader gets: the widget's own, else Qt's (a label's text, a combo's value)."""
    name = widget.accessibleName() if isinstance(widget, QWidget) else ""
    if name:
        return name
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def focusable(window: QWidget) -> list[QWidget]:
    """Every widget of `window` on screen that the keyboard can reach or a pointer can press."""
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.window() is window
        and (w.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(w, QAbstractButton))
        and w.objectName() != "qt_spinbox_lineedit"  # the spin box's own text: not an object of its own
    ]


def unnamed_or_foreign(window: QWidget, lang: str, data: set[str]) -> list[str]:
    """Focusable widgets with no name, or a name in the other language (`data`: catalogue words)."""
    wrong = []
    for widget in focusable(window):
        name = accessible_name(widget)
        what = f"{type(widget).__name__} {widget.objectName()!r} {name!r}"
        if not name.strip():
            wrong.append(f"unnamed: {what}")
        elif name in OWN_NAMES or name in data:
            continue
        elif lang == "en" and HANGUL.search(name):
            wrong.append(f"Korean in English: {what}")
        elif lang == "ko" and LATIN_WORD.search(name) and not HANGUL.search(name):
            wrong.append(f"English in Korean: {what}")
    return wrong


# --- announcements ------------------------------------------------------------------------------


def test_the_helper_sends_qt_announcements_polite_unless_urgent(qtbot: QtBot, heard) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    announce_module.announce(label, "  two\n words ")
    announce_module.announce(label, "stop", urgent=True)
    announce_module.announce(label, "   ")
    assert heard == [("two words", False), ("stop", True)]


def test_a_search_is_announced_once_it_settles(window: MainWindow, qtbot: QtBot, heard) -> None:
    _type(window.search, "돌봄")
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    qtbot.wait(theme.ANNOUNCE_SETTLE_MS + 200)
    count = window.controller.shown_count
    expected = ngettext("{count} service found", "{count} services found", count).format(count=count)
    assert heard == [(expected, False)]  # one announcement for the typing, not one per letter
    assert window.heading.text() == expected
    heard.clear()
    window.search.setText("zzzzqqqq")
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert heard == [(_("Nothing found. Try other words, fewer filters, or call 120."), False)]


def test_the_shortlist_zoom_and_language_are_announced(window: MainWindow, qtbot: QtBot, heard) -> None:
    window.open_service("ansimi")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    name = window.controller.names("ansimi")["ko"]
    assert (_("Added to the shortlist: {name}").format(name=name), False) in heard
    window.shortlist_view.setCurrentIndex(window.shortlist.index(0))
    window.remove_button.click()
    assert (_("Removed from the shortlist: {name}").format(name=name), False) in heard
    window.set_zoom(1.25)
    assert heard[-1] == (_("Zoom level: {percent}").format(percent="125%"), False)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert heard[-1] == (_("Language switched to English"), False)
    assert heard[-1][0] == "Language switched to English"  # in the new language


def test_screening_is_announced(window: MainWindow, qtbot: QtBot, heard) -> None:
    screening = window.screening
    assert screening is not None
    screening.set_profile({"year": 2026, "age": 72, "lives_alone": True})  # type: ignore[attr-defined]
    screening.screen()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    text = heard[-1][0]
    count = len(screening._report.results)  # type: ignore[attr-defined]
    screened = ngettext(
        "{count} service screened for {year}.", "{count} services screened for {year}.", count
    ).format(count=count, year=2026)
    assert text.startswith(screened)
    for heading in screening.group_headings().values():  # type: ignore[attr-defined]
        assert heading in text
    heard.clear()
    screening.set_profile({"year": 2026, "age": 30, "household_size": 3, "lives_alone": True})  # type: ignore[attr-defined]
    screening.screen()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert heard[-1][1] is True and _("The form cannot be screened as it is. Please correct:") in heard[-1][0]


def test_easy_mode_announces_entries_notices_and_searches(easy: EasyWindow, qtbot: QtBot, heard) -> None:  # noqa: F811
    easy.go("ask", ("boram-jobs", "50-plus-internship", "50-plus-campus"))
    pad = easy.pages["question"].pad  # type: ignore[attr-defined]
    pad.press("7")
    pad.press("2")
    assert heard[-1] == (f"72, {_('{number} years old').format(number=72)}", False)
    pad.keys["0"].click()
    pad.keys["0"].click()
    pad.ok.click()  # 7200 is out of range: said at once
    assert heard[-1][1] is True
    assert heard[-1][0] == _("Please give a number from {low} to {high}.").format(low=pad.low, high=pad.high)
    pad.erase.click()
    pad.erase.click()
    pad.erase.click()
    pad.erase.click()
    assert heard[-1] == (_("No number yet"), False)
    easy.go("search")
    heard.clear()
    easy.pages["search"].box.setText("돌봄")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    shown = len(easy.page.choices())
    assert heard == [
        (ngettext("{count} service found", "{count} services found", shown).format(count=shown), False)
    ]
    easy.show_notice("A notice")
    assert heard[-1] == ("A notice", False)
    easy.set_language("en")
    assert heard[-1] == ("Language switched to English", False)


# --- names, roles, states -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_focusable_widget_of_the_standard_window_is_named_in_the_language(
    window: MainWindow, qtbot: QtBot, lang: str
) -> None:
    window.set_language(lang)
    data = {"한국어", "English"}
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        if tab == 2:
            window.screening.set_profile({"year": 2026, "age": 72})  # type: ignore[union-attr]
            window.screening.screen()  # type: ignore[union-attr]
        window.search.setText("care" if tab == 0 else "")  # the clear button shows
        qtbot.wait(50)
        assert not unnamed_or_foreign(window, lang, data), (tab, unnamed_or_foreign(window, lang, data))
    clear = [b for b in window.search.findChildren(QToolButton)]
    assert clear and all(b.accessibleName() == _("Clear the search") for b in clear)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_focusable_widget_of_the_easy_window_is_named_in_the_language(
    easy: EasyWindow,  # noqa: F811
    qtbot: QtBot,
    lang: str,
) -> None:
    easy.set_language(lang)
    for screen in every_screen(easy, qtbot):
        qtbot.wait(20)
        # Service and topic names come from the catalogue (and a list's heading from the test).
        data = {b.text() for b in easy.page.choices()} | {easy.page.title}
        assert not unnamed_or_foreign(easy, lang, data), (screen, unnamed_or_foreign(easy, lang, data))


def test_results_expose_their_summary(window: MainWindow) -> None:
    model = window.controller.model
    index = model.index(0)
    assert (
        index.data(Qt.ItemDataRole.AccessibleTextRole)
        == index.data(Qt.ItemDataRole.DisplayRole).split("\n")[0]
    )
    summary = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert summary and summary == index.data(Qt.ItemDataRole.DisplayRole).split("\n", 1)[1]


def test_filters_and_tabs_have_labels_that_are_not_their_value(window: MainWindow) -> None:
    purposes = {
        window.category: _("Filter by category"),
        window.audience: _("Filter by who it is for"),
        window.status: _("Filter by status"),
    }
    for combo, purpose in purposes.items():
        labels = [label for label in window.findChildren(QLabel) if label.buddy() is combo]
        assert labels and labels[0].isVisible() and labels[0].accessibleName() == purpose
        assert combo.accessibleName() == purpose and combo.accessibleDescription() == purpose
        assert combo.view().accessibleName() == purpose  # the drop-down list too
        assert combo.currentText() not in purpose
    bar = window.tabs.tabBar()
    labels = [label for label in window.tabs.findChildren(QLabel) if label.buddy() is bar]
    assert labels and labels[0].text() == _("Sections of the program")
    relations = QAccessible.queryAccessibleInterface(bar).relations(QAccessible.RelationFlag.Label)
    assert [r[0].text(QAccessible.Text.Name) for r in relations] == [_("Sections of the program")]


def test_the_zoom_level_is_exposed(window: MainWindow) -> None:
    window.set_zoom(1.5)
    level = _("Zoom level: {percent}").format(percent="150%")
    assert window.zoom_label.accessibleName() == level
    assert (
        window.zoom_in.accessibleDescription() == level and window.zoom_out.accessibleDescription() == level
    )


def test_links_in_the_programme_detail_are_announced_when_tabbed_to(
    window: MainWindow, qtbot: QtBot, heard
) -> None:
    view = window.programmes
    assert view is not None
    window.tabs.setCurrentIndex(1)
    view.select("action:p03-a1")  # type: ignore[attr-defined]
    view.detail.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(view.detail, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    cursor = view.detail.textCursor()  # type: ignore[attr-defined]
    assert cursor.hasSelection()
    link = cursor.selectedText().strip()
    assert heard and heard[-1] == (_("Link: {text}. Enter follows it.").format(text=link), False)


def test_the_easy_window_is_a_frame_with_checked_toggles(easy: EasyWindow, qtbot: QtBot) -> None:  # noqa: F811
    assert QAccessible.queryAccessibleInterface(easy).role() == QAccessible.Role.Window
    assert easy.body.accessibleName() == _("Easy screen (big letters)")
    assert all(button.isCheckable() for button in easy.languages.values())
    assert easy.languages["ko"].isChecked() and not easy.languages["en"].isChecked()
    easy.languages["ko"].click()  # pressing the chosen language again leaves it chosen
    assert easy.languages["ko"].isChecked()
    easy.languages["en"].click()
    assert easy.languages["en"].isChecked() and not easy.languages["ko"].isChecked()
    state = QAccessible.queryAccessibleInterface(easy.languages["en"]).state()
    assert state.checkable and state.checked
    easy.go("service", "ansimi")
    page = easy.pages["service"]
    assert [b.isChecked() for b in page.part_buttons.values()] == [True, False, False]  # type: ignore[attr-defined]
    page.part_buttons["eligibility"].click()  # type: ignore[attr-defined]
    assert [b.isChecked() for b in page.part_buttons.values()] == [False, True, False]  # type: ignore[attr-defined]
    assert page.area.accessibleName() == _("Who can get it")  # type: ignore[attr-defined]


# --- the focus ring -----------------------------------------------------------------------------


@pytest.mark.parametrize(("ring", "beside"), theme.FOCUS_PAIRS)
def test_the_focus_ring_stands_out_in_the_standard_window(ring: str, beside: str) -> None:
    ratio = theme.contrast(theme.COLOURS[ring], theme.COLOURS[beside])
    assert ratio >= 3.0, f"{ring} beside {beside}: {ratio:.2f}"


@pytest.mark.parametrize(("ring", "beside"), easy_theme.FOCUS_PAIRS)
def test_the_focus_ring_stands_out_in_easy_mode(ring: str, beside: str) -> None:
    ratio = theme.contrast(easy_theme.COLOURS[ring], easy_theme.COLOURS[beside])
    assert ratio >= 3.0, f"{ring} beside {beside}: {ratio:.2f}"


def test_every_background_a_focused_widget_has_is_in_the_focus_pairs() -> None:
    """Every fill of a focusable widget in the style sheets, and every page and bar colour, is listed."""
    standard = {beside for _ring, beside in theme.FOCUS_PAIRS}
    assert {"background", "panel", "accent"} <= standard  # pages and fields, buttons and tabs, selection
    sheet = theme.stylesheet(1.0)
    for rule in re.findall(r":focus \{[^}]*\}", sheet):
        assert theme.COLOURS["focus"] in rule or "outline: none" in rule
    easy_sides = {beside for _ring, beside in easy_theme.FOCUS_PAIRS}
    fills = {"background", "tile", "accent", "bar", "bar_text", "pressed", "notice"}
    assert fills <= easy_sides
    for rule in re.findall(r":focus \{[^}]*\}", easy_theme.stylesheet()):
        assert easy_theme.COLOURS["focus"] in rule


def test_the_focus_ring_is_drawn_on_every_focusable_kind(window: MainWindow) -> None:
    sheet = theme.stylesheet(1.0)
    for kind in (
        "QLineEdit",
        "QComboBox",
        "QPushButton",
        "QListView",
        "QTreeView",
        "QTextBrowser",
        "QTabBar",
    ):
        assert re.search(rf"{kind}:focus[^{{]*\{{[^}}]*solid {theme.COLOURS['focus']}", sheet), kind
    easy_sheet = easy_theme.stylesheet()
    for kind in ("QPushButton", "QLineEdit", 'QLabel\\[role="title"\\]', "QScrollArea"):
        assert re.search(rf"{kind}:focus \{{[^}}]*solid {easy_theme.COLOURS['focus']}", easy_sheet), kind
    assert isinstance(window.category, QComboBox)
