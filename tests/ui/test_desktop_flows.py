"""The caseworker's flows end to end in a real window, offscreen: search, filter, open, shortlist,
print to PDF, switch language, zoom, keyboard and accessibility, settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from explorer.core.catalog import Catalogue
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore
from explorer.ui import theme
from explorer.ui.app import make_main_window
from explorer.ui.controllers.catalogue import ID_ROLE

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "config")


def _window(
    catalogue: Catalogue, paths: Paths, qtbot, store: SettingsStore, settings: Settings | None = None
):
    settings = settings or store.load()
    win = make_main_window(catalogue, settings.language, paths.translations, store, settings)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(catalogue: Catalogue, paths: Paths, qtbot, store: SettingsStore):
    win = _window(catalogue, paths, qtbot, store)
    yield win
    win.close()


def _type(widget: QLineEdit, text: str) -> None:
    """Type `text` one character at a time (QTest cannot type Hangul, so insert() stands in)."""
    for char in text:
        widget.insert(char)


def _settled(window, qtbot, query: str) -> None:
    """Wait until the window shows the answer to `query`."""
    qtbot.waitUntil(lambda: window.controller.query == query and not window.controller.pending, timeout=5000)


def _ids(window) -> list[str]:
    model = window.controller.model
    return [model.index(row).data(ID_ROLE) for row in range(model.rowCount())]


# --- search -----------------------------------------------------------------------------------------


def test_search_answers_as_you_type_off_the_gui_thread(window, qtbot) -> None:
    assert window.controller._worker.thread() is not QApplication.instance().thread()
    assert isinstance(window.controller._worker.thread(), QThread)
    _type(window.search, "ㅈㄹㅍㅇ")
    qtbot.waitUntil(lambda: _ids(window)[:1] == ["zero-pay"], timeout=5000)
    assert "1" in window.heading.text()
    window.search.clear()
    _type(window.search, "돌봄을")
    qtbot.waitUntil(lambda: bool(_ids(window)) and "dolbom" in _ids(window)[0], timeout=5000)
    # Each keystroke gave a new request; only the newest answer is shown.
    assert window.controller.query == "돌봄을"


def test_filters_narrow_the_results(window, qtbot, catalogue: Catalogue) -> None:
    safety = window.category.findData("safety")
    assert safety > 0
    window.category.setCurrentIndex(safety)
    expected = {
        row["service_id"]
        for row in catalogue.query("SELECT service_id FROM service_categories WHERE category_id = 'safety'")
    }
    qtbot.waitUntil(lambda: set(_ids(window)) == expected, timeout=5000)
    _type(window.search, "여성")
    _settled(window, qtbot, "여성")
    assert _ids(window) and set(_ids(window)) <= expected
    assert all("women" in sid or "ansimi" in sid or "safe" in sid for sid in _ids(window)[:3]), _ids(window)
    window.status.setCurrentIndex(window.status.findData("ended"))
    _settled(window, qtbot, "여성")
    assert window.controller.filters["status"] == "ended"
    assert set(_ids(window)) <= {
        r["id"] for r in catalogue.query("SELECT id FROM services WHERE status = 'ended'")
    }


def test_no_filter_lists_the_same_words_twice_in_either_language(window, qtbot) -> None:
    """'No filter' must not read like one of the choices (English once said "Everyone" for both no
    filter and the audience everyone, which narrows the list)."""
    for _lang in ("ko", "en"):
        for combo in (window.category, window.audience, window.status):
            texts = [combo.itemText(i) for i in range(combo.count())]
            assert len(texts) == len(set(texts)), (window.lang, combo.objectName(), texts)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_nothing_found_says_what_to_do(window, qtbot) -> None:
    qtbot.keyClicks(window.search, "qqqxqqqzzz")
    qtbot.waitUntil(lambda: "120" in window.heading.text(), timeout=5000)
    assert _ids(window) == []


def test_nothing_found_leaves_no_service_to_add_to_the_sheet(window, qtbot) -> None:
    """After a search that found something, one that finds nothing empties the details: no service of
    the earlier answer stays beside "Nothing found", and Ctrl+D or the add button adds nothing."""
    _type(window.search, "디")
    _settled(window, qtbot, "디")
    qtbot.waitUntil(lambda: bool(window.detail.toPlainText().strip()), timeout=5000)
    assert window.add_button.isEnabled()
    window.search.clear()
    _type(window.search, "qqqxqqqzzz")
    _settled(window, qtbot, "qqqxqqqzzz")
    assert _ids(window) == [] and "120" in window.heading.text()
    assert window.detail.toPlainText().strip() == ""
    assert not window.add_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.shortlist.ids == []
    window.search.clear()
    _type(window.search, "제로페이")  # found again: its details and the button come back
    _settled(window, qtbot, "제로페이")
    qtbot.waitUntil(lambda: "제로페이" in window.detail.toPlainText(), timeout=5000)
    assert window.add_button.isEnabled()


def test_hostile_input_never_breaks_the_window(window, qtbot) -> None:
    for text in ('"', "NEAR(", "*", "a" * 3000, "\x00\x01", "🙂 제로", "col:val) OR (x"):
        window.search.setText(text)
    qtbot.waitUntil(lambda: window.controller.query == "col:val) OR (x", timeout=5000)
    qtbot.wait(50)
    assert window.isVisible()


# --- details ----------------------------------------------------------------------------------------


def test_opening_a_service_shows_every_part(window, qtbot) -> None:
    with qtbot.waitSignal(window.controller.serviceShown, timeout=3000):
        window.open_service("ansimi")
    text = window.detail.toPlainText()
    assert "안심이" in text
    for heading in ("누가 받을 수 있나요", "신청 방법", "출처", "회복력 있는 서울"):
        assert heading in text, heading
    assert re.search(r"20\d\d", text)  # the as-of date


# --- shortlist --------------------------------------------------------------------------------------


def test_shortlist_add_reorder_remove_clear(window, qtbot) -> None:
    for sid in ("dolbom-sos-center", "ansimi", "zero-pay"):
        with qtbot.waitSignal(window.controller.serviceShown, timeout=3000):
            window.open_service(sid)
        qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert window.shortlist.ids == ["dolbom-sos-center", "ansimi", "zero-pay"]
    assert not window.add_button.isEnabled()  # zero-pay is on the list already
    window.shortlist_view.setCurrentIndex(window.shortlist.index(2))
    qtbot.mouseClick(window.up_button, Qt.MouseButton.LeftButton)
    assert window.shortlist.ids == ["dolbom-sos-center", "zero-pay", "ansimi"]
    assert window.shortlist_view.currentIndex().row() == 1
    qtbot.mouseClick(window.remove_button, Qt.MouseButton.LeftButton)
    assert window.shortlist.ids == ["dolbom-sos-center", "ansimi"]
    assert window.shortlist.index(1).data().startswith("2. ")
    with qtbot.waitSignal(window.controller.serviceShown, timeout=3000):
        window.open_service("zero-pay")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.shortlist.ids[-1] == "zero-pay"
    qtbot.mouseClick(window.clear_button, Qt.MouseButton.LeftButton)
    assert window.shortlist.ids == []
    assert not window.print_button.isEnabled()


def test_referral_pdf_in_the_clients_language(window, qtbot, tmp_path: Path, catalogue: Catalogue) -> None:
    from pypdf import PdfReader

    for sid in ("dolbom-sos-center", "zero-pay"):
        window.add_to_shortlist(sid)
    window.sheet_language.setCurrentIndex(window.sheet_language.findData("en"))  # interface stays Korean
    target = tmp_path / "sheet.pdf"
    window.ask_pdf_path = lambda: target  # the save dialog, answered
    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    assert target.is_file() and target.read_bytes()[:5] == b"%PDF-"
    text = " ".join(page.extract_text() for page in PdfReader(str(target)).pages)
    flat = re.sub(r"\s+", " ", text)
    for sid in ("dolbom-sos-center", "zero-pay"):
        name = catalogue.get_service(sid)["names"]["en"]
        assert name in flat, name
    assert window.lang == "ko" and window.settings.sheet_language == "en"


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")  # Qt saying the printer refused
def test_a_printer_that_refuses_the_sheet_is_one_message_in_korean_and_the_window_goes_on(
    window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QApplication, QMessageBox

    from explorer.core.i18n import _
    from explorer.ui import referral

    target = tmp_path / "no-such-folder" / "sheet.pdf"
    make_printer = referral.make_printer

    def refusing() -> QPrinter:  # a real printer whose pages cannot go anywhere
        printer = make_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(referral, "make_printer", refusing)
    seen: list[str] = []

    def answer() -> None:  # the print dialog accepted; the message read and closed
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            dialog.accept()
        elif isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            dialog.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    window.add_to_shortlist("ansimi")
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    timer.stop()
    why = _("the printer or the file refused the pages")
    assert seen == [_("The referral sheet could not be printed: {why}").format(why=why)]
    assert re.search(r"[\uac00-\ud7a3]", seen[0]) and not re.search(r"[A-Za-z]{3,}", seen[0]), seen
    assert not target.parent.exists()
    assert window.isVisible() and window.shortlist.ids == ["ansimi"]  # nothing lost


# --- language ---------------------------------------------------------------------------------------


def _visible_texts(window) -> list[tuple[str, str]]:
    """Every string a person can see in the window now: (where, text)."""
    texts: list[tuple[str, str]] = [("title", window.windowTitle()), ("dock", window.dock.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel) or (isinstance(widget, QAbstractButton) and name != "languageButton"):
            texts.append((name, widget.text()))  # the language button names Korean in Korean, on purpose
        elif isinstance(widget, QLineEdit):
            texts.append((name, widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            if widget.objectName() != "sheetLanguage":  # names each language in its own script
                texts += [(name, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        elif isinstance(widget, QTextBrowser):
            texts.append((name, widget.toPlainText()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [(name, str(model.index(r, 0).data() or "")) for r in range(min(model.rowCount(), 40))]
        if widget.accessibleName():
            texts.append((name + ".accessibleName", widget.accessibleName()))
        if widget.toolTip():
            texts.append((name + ".toolTip", widget.toolTip()))
    return texts


def test_switching_to_english_leaves_no_korean_on_screen(window, qtbot, catalogue: Catalogue) -> None:
    window.add_to_shortlist("ansimi")
    with qtbot.waitSignal(window.controller.serviceShown, timeout=3000):
        window.open_service("dolbom-sos-center")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.lang == "en"
    shown = catalogue.get_service("dolbom-sos-center")
    allowed = {shown["names"]["ko"]}  # "Korean name: …", on purpose
    # Citations of outside sources keep their own words (a Korean newspaper's name and headline).
    for fact in shown["current"]["facts"]:
        allowed |= {fact["source"]["publisher"], fact["source"]["title"]}
    leftovers = []
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
        for where, text in _visible_texts(window):
            for name in allowed:
                text = text.replace(name, "")
            if HANGUL.search(text):
                leftovers.append(f"{where}: {text[:80]!r}")
    assert not leftovers, "\n".join(leftovers)
    window.tabs.setCurrentIndex(0)
    assert "Services" in [window.tabs.tabText(i) for i in range(window.tabs.count())]
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.lang == "ko" and window.tabs.tabText(0) == "서비스 목록"


def test_qt_dialogs_follow_the_language(window, qtbot) -> None:
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    window.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


# --- zoom, keyboard, accessibility ------------------------------------------------------------------


def _interactive(window) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QTabBar)
    return [w for w in window.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]


def test_zoom_200_cuts_nothing_off(window, qtbot) -> None:
    window.resize(1920, 1080)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 1.25
    window.set_zoom(2.0)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(30)
        clipped = []
        for widget in window.findChildren(QWidget):
            if not widget.isVisible() or not isinstance(widget, QAbstractButton | QLabel | QComboBox):
                continue
            hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
            if isinstance(widget, QLabel) and widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    clipped.append(
                        f"{widget.objectName()} {widget.text()[:30]!r} height {widget.height()}<{needed}"
                    )
            elif widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
                clipped.append(f"{widget.objectName() or type(widget).__name__} {widget.size()} < {hint}")
        assert not clipped, f"tab {tab}: " + "; ".join(clipped)
    assert (
        window.search.font().pointSizeF() >= 2 * theme.BASE_POINT_SIZE - 0.1 or "30px" in window.styleSheet()
    )


def test_every_control_is_named_big_enough_and_reachable(window, qtbot) -> None:
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
        for widget in _interactive(window):
            label = f"{type(widget).__name__} {widget.objectName()!r} on tab {tab}"
            if isinstance(widget.parent(), QTabBar | QAbstractSpinBox):
                continue  # parts of a named control: the tab bar's scroll arrows, a spin box's text
            assert widget.accessibleName(), f"{label} has no accessible name"
            assert widget.width() >= 24 and widget.height() >= 24, f"{label} is {widget.size()}"
            assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{label} cannot be reached by Tab"


def test_shortcuts(window, qtbot) -> None:
    window.tabs.setCurrentIndex(1)
    window.detail.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0 and window.search.hasFocus()
    printed: list[str] = []
    window._sheet = lambda _p, ids, client, how: printed.append(how)
    window.add_to_shortlist("ansimi")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == ["print"]
    assert QKeySequence("Ctrl+L") in [a.shortcut() for a in window.actions()]


def test_focus_is_visible() -> None:
    sheet = theme.stylesheet(1.0)
    assert f"solid {theme.COLOURS['focus']}" in sheet and ":focus" in sheet
    assert theme.contrast(theme.COLOURS["focus"], theme.COLOURS["background"]) >= 3.0


@pytest.mark.parametrize(("foreground", "background"), theme.TEXT_PAIRS)
def test_colour_pairs_have_enough_contrast(foreground: str, background: str) -> None:
    ratio = theme.contrast(theme.COLOURS[foreground], theme.COLOURS[background])
    assert ratio >= 4.5, f"{foreground} on {background}: {ratio:.2f}"


# --- settings ---------------------------------------------------------------------------------------


def test_settings_are_kept_in_the_config_folder(catalogue: Catalogue, paths: Paths, qtbot, store) -> None:
    first = _window(catalogue, paths, qtbot, store)
    first.set_language("en")
    first.set_zoom(1.5)
    first.category.setCurrentIndex(first.category.findData("housing"))
    first.close()
    saved = json.loads(store.path.read_text("utf-8"))
    assert saved["language"] == "en" and saved["zoom"] == 1.5 and saved["filters"]["category"] == "housing"
    second = _window(catalogue, paths, qtbot, store)
    assert second.lang == "en" and second.zoom == 1.5
    assert second.category.currentData() == "housing"
    second.close()
    assert not list(paths.catalogue.parent.glob("settings*"))  # never beside the catalogue


def test_a_damaged_settings_file_gives_defaults_and_is_kept(store: SettingsStore) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json", "utf-8")
    settings = store.load()
    assert settings.language == "ko" and settings.zoom == 1.0
    assert store.path.with_name("settings.json.bad").read_text("utf-8") == "{not json"
    store.path.write_text('{"language": "xx", "zoom": 9, "filters": {"category": 5}}', "utf-8")
    settings = store.load()
    assert settings.language == "ko" and settings.zoom == 1.0 and settings.filters["category"] is None
