"""Easy mode, used as a person would: by touch, from the first screen, at 1920 x 1080."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QGuiApplication
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from explorer.core.catalog import Catalogue
from explorer.core.paths import Paths
from explorer.core.screening import ELIGIBLE
from explorer.ui.app import make_easy_window
from explorer.ui.easy import theme
from explorer.ui.easy.pages import SearchPage
from explorer.ui.easy.pages import search as search_page
from explorer.ui.easy.widgets import BigButton
from explorer.ui.easy.window import EasyWindow
from explorer.ui.theme import contrast
from tests.ui.keyboard_typing import retype_until

TODAY = date(2026, 11, 21)
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@pytest.fixture
def printed() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def quick_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Find by typing searches 30 ms after the last key instead of 250 (pages made after this): for
    tests that wait for many searches one after another; named before `easy` in a test's arguments."""
    monkeypatch.setattr(search_page, "SEARCH_DELAY_MS", 30)


@pytest.fixture
def easy(
    catalogue: Catalogue, paths: Paths, qtbot: QtBot, qtlog: Any, printed: list[tuple[str, str]]
) -> Iterator[EasyWindow]:
    """The easy window as `explorer --easy` makes it, Qt's mock voice engine, a printer that records.

    Qt Virtual Keyboard's QML is compiled on a loader thread that logs warnings; pytest-qt's Python
    log handler would wait for the GIL the loading main thread holds, so logging is off while it loads.
    """

    def printer(service: dict[str, Any], lang: str) -> str:
        printed.append((service["id"], lang))
        return "printed"

    with qtlog.disabled():
        window = make_easy_window(catalogue, "ko", paths, speech_engine="mock", printer=printer, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    with qtbot.waitSignal(window.settled, timeout=20_000):  # the touch keyboard is made after the first paint
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the touch keyboard types into the active window's focus
    yield window
    window.shutdown()


def choice(window: EasyWindow, words: str) -> BigButton:
    """The visible button on the current screen whose words contain `words`."""
    found = [b for b in window.page.choices() if words in b.text()]
    assert found, f"no {words!r} among {[b.text() for b in window.page.choices()]}"
    return found[0]


def touch(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visible(window: QWidget, kind: type) -> list[Any]:
    return [w for w in window.findChildren(kind) if w.isVisible() and w.window() is window]


def every_screen(window: EasyWindow, qtbot: QtBot) -> Iterator[str]:
    """Open every kind of easy screen in turn, yielding its name."""
    window.go_home()
    yield "home"
    window.go("topic", "care-health")
    yield "topic"
    window.go("list", ("care",), 0, "care")
    yield "list"
    window.go("service", "dolbom-sos-center")
    yield "service"
    window.go("take", "dolbom-sos-center")
    yield "take"
    window.go("ask", ("boram-jobs", "seoul-safety-income"))
    yield "question"
    window.go("ask", ("ansimi",))
    yield "question-choice"
    window.go("results", 0)
    yield "results"
    window.go("search")
    yield "search"
    window.go("help")
    yield "help"


# --- floors ----------------------------------------------------------------------------------------


def test_every_colour_pair_has_at_least_7_to_1_contrast() -> None:
    for text, background in theme.TEXT_PAIRS:
        ratio = contrast(theme.COLOURS[text], theme.COLOURS[background])
        assert ratio >= 7.0, f"{text} on {background}: {ratio:.2f}"


def test_the_style_sheet_uses_only_the_checked_colours() -> None:
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}", theme.stylesheet())}
    assert used <= {c.lower() for c in theme.COLOURS.values()}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_text_is_32px_targets_64px_and_six_choices_at_most_on_every_screen(
    easy: EasyWindow, qtbot: QtBot, lang: str
) -> None:
    easy.set_language(lang)
    for screen in every_screen(easy, qtbot):
        qtbot.wait(10)
        assert len(easy.page.choices()) <= 6, screen
        for label in visible(easy, QLabel):
            if label.text().strip():
                size = QFontInfo(label.font()).pixelSize()
                assert size >= 32, f"{screen}: {label.text()[:30]!r} is {size}px"
        for field in visible(easy, QLineEdit):
            assert QFontInfo(field.font()).pixelSize() >= 32, screen
        for button in visible(easy, QAbstractButton):
            assert button.width() >= 64 and button.height() >= 64, f"{screen}: {button.accessibleName()!r}"
            assert button.accessibleName(), f"{screen}: a button with no words"
        assert easy.width() <= 1920 and easy.height() <= 1080


def test_the_navigation_never_moves(easy: EasyWindow, qtbot: QtBot) -> None:
    places = None
    for _screen in every_screen(easy, qtbot):
        now = [b.mapTo(easy, b.rect().topLeft()) for b in (easy.back, easy.home, easy.read, easy.help)]
        places = places or now
        assert now == places


# --- finding Dolbom and Ansimi by touch --------------------------------------------------------------


def test_someone_finds_dolbom_learns_if_they_qualify_and_takes_it_home(
    easy: EasyWindow, qtbot: QtBot, printed: list[tuple[str, str]]
) -> None:
    assert easy.page.title == "무엇을 도와드릴까요?"
    assert len(easy.page.choices()) == 6
    touch(qtbot, choice(easy, "돌봄과 건강"))
    touch(qtbot, choice(easy, "돌봄·복지"))
    touch(qtbot, choice(easy, "서울돌봄SOS센터"))
    assert easy.route == ("service", "dolbom-sos-center")
    body = easy.pages["service"].body.text()  # type: ignore[attr-defined]
    assert "돌봄" in body
    # Who can get it and how to apply say what is known today (sourced facts of 2026), not the 2019
    # sources' "they do not say", which once sat beside today's facts on the first part.
    touch(qtbot, easy.pages["service"].part_buttons["eligibility"])  # type: ignore[attr-defined]
    who = easy.pages["service"].body.text()  # type: ignore[attr-defined]
    assert "중위소득 100% 이하 가구는 서비스 비용을 모두 지원받습니다." in who
    assert "나오지 않습니다" not in who
    touch(qtbot, easy.pages["service"].part_buttons["how_to_apply"])  # type: ignore[attr-defined]
    how = easy.pages["service"].body.text()  # type: ignore[attr-defined]
    assert "사는 곳의 동 주민센터에 전화하거나 찾아가서 신청합니다." in how
    assert "나오지 않습니다" not in how
    touch(qtbot, choice(easy, "받을 수 있을까요"))
    while easy.route[0] == "question":
        touch(qtbot, choice(easy, "건너뛰기"))
    assert easy.route[0] == "results"
    assert "확인이 필요해요" in easy.page.text.text()  # type: ignore[attr-defined]
    touch(qtbot, choice(easy, "가져가기"))
    take = easy.pages["take"]
    assert take.payload == "tel:120"  # type: ignore[attr-defined]
    assert not take.qr.pixmap().isNull()  # type: ignore[attr-defined]
    said = take.text.text()  # type: ignore[attr-defined]
    assert said.startswith("이 코드에는 전화번호가 들어 있어요: 120.") and "(가)" not in said  # plain Korean
    touch(qtbot, take.print_button)  # type: ignore[attr-defined]
    assert printed == [("dolbom-sos-center", "ko")]


def test_a_woman_finds_ansimi_and_learns_she_qualifies(easy: EasyWindow, qtbot: QtBot) -> None:
    touch(qtbot, choice(easy, "안전과 생활"))
    touch(qtbot, choice(easy, "안전"))
    touch(qtbot, choice(easy, "안심이"))
    touch(qtbot, choice(easy, "받을 수 있을까요"))
    # Open to every Seoul resident since 2022 (its record today): one question settles it.
    assert easy.route[0] == "question"
    assert easy.page.title == "서울에 사세요?"
    touch(qtbot, choice(easy, "예"))
    assert easy.route[0] == "results"
    assert easy.controller.results()[0].status == ELIGIBLE
    text = easy.page.text.text()  # type: ignore[attr-defined]
    assert "받을 수 있어 보여요" in text
    assert "지금도 운영 중이에요" in text  # and what it is today


def test_what_can_i_get_asks_one_question_per_screen_with_number_pad(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.go("list", ("jobs",), 0, "일자리")
    touch(qtbot, choice(easy, "받을 수 있는"))
    seen = []
    while easy.route[0] == "question":
        question = easy.pages["question"].question  # type: ignore[attr-defined]
        seen.append(question.key)
        assert len(easy.page.choices()) <= 6
        if question.key == "age":
            pad = easy.pages["question"].pad  # type: ignore[attr-defined]
            for digit in "72":
                touch(qtbot, pad.keys[digit])
            assert "72살" in pad.words.text()
            touch(qtbot, pad.ok)
        else:
            touch(qtbot, choice(easy, "건너뛰기"))
    assert "age" in seen and len(seen) == len(set(seen))
    assert easy.controller.interview is not None
    assert easy.controller.interview.profile["age"] == 72
    results = easy.controller.fitting()
    assert any(r.id == "boram-jobs" for r in results)
    # Back on the results shows the last question again, unanswered.
    last = seen[-1]
    touch(qtbot, easy.back)
    assert easy.pages["question"].question.key == last  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "yes", "no"),
    [
        ("ko", "네, 지금 지낼 집이 없어요", "아니요, 지낼 집이 있어요"),
        ("en", "Yes, I have no home now", "No, I have a place to live"),
    ],
)
def test_a_question_asked_in_the_negative_is_answered_in_words(
    easy: EasyWindow, qtbot: QtBot, lang: str, yes: str, no: str
) -> None:
    """ "집이 없으세요?" answered with a bare 네 or 아니요 is unclear (네 agrees there is none): its
    buttons say the answer, and the one that says there is no home records homeless."""
    easy.set_language(lang)
    easy.go("ask", ("homeless-shelters",))
    while easy.route[0] == "question" and easy.pages["question"].question.key != "homeless":  # type: ignore[attr-defined]
        touch(qtbot, easy.page.choices()[-1])  # skip
    assert easy.route[0] == "question", "no service asks whether the person has a home"
    words = [b.text() for b in easy.page.choices()]
    assert words[:2] == [yes, no]
    touch(qtbot, choice(easy, yes))
    assert easy.controller.interview is not None
    assert easy.controller.interview.profile["homeless"] is True


def test_a_number_out_of_range_is_refused_kindly(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.go("ask", ("boram-jobs",))
    assert easy.pages["question"].question.key == "age"  # type: ignore[attr-defined]
    pad = easy.pages["question"].pad  # type: ignore[attr-defined]
    for digit in "999":
        touch(qtbot, pad.keys[digit])
    touch(qtbot, pad.ok)
    assert easy.route[0] == "question"
    assert "0" in pad.words.text() and "130" in pad.words.text()


def test_the_service_page_has_three_parts_and_take_this_with_me(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.go("service", "ansimi")
    page = easy.pages["service"]
    texts = []
    for key in ("summary", "eligibility", "how_to_apply"):
        touch(qtbot, page.part_buttons[key])  # type: ignore[attr-defined]
        texts.append(page.body.text())  # type: ignore[attr-defined]
    assert len(set(texts)) == 3 and all(texts)
    assert choice(easy, "가져가기")


# --- language, reading aloud, typing -------------------------------------------------------------------


def test_english_leaves_no_korean_on_screen_but_the_language_word(easy: EasyWindow, qtbot: QtBot) -> None:
    touch(qtbot, easy.languages["en"])
    assert easy.page.title == "What do you need help with?"
    words = [w.text() for w in visible(easy, QLabel)]
    korean = [w for w in words if HANGUL.search(w) and w != "한국어"]
    assert not korean


def test_read_aloud_speaks_the_screen_in_english_with_the_mock_engine(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.set_language("en")
    easy.go("service", "ansimi")
    touch(qtbot, easy.read)
    assert easy.reader.last_text == easy.page.spoken()
    assert "Ansimi" in easy.reader.last_text
    assert easy.reader._tts is not None and easy.reader._tts.engine() == "mock"
    qtbot.waitUntil(lambda: easy.reader._tts.state() == QTextToSpeech.State.Speaking, timeout=2000)
    assert easy.read.text() == "Stop reading"
    touch(qtbot, easy.read)
    qtbot.waitUntil(lambda: not easy.reader.is_speaking(), timeout=2000)
    assert not easy.notice.isVisible()


def test_read_aloud_says_clearly_when_no_korean_voice_exists(easy: EasyWindow, qtbot: QtBot) -> None:
    touch(qtbot, easy.read)
    assert easy.notice.isVisible()
    assert "한국어" in easy.notice.text() and "읽어" in easy.notice.text()


# Said by Qt for each key pressed before Hangul's input method is set (typed again below).
@pytest.mark.qt_log_ignore("input method is not set")
def test_the_touch_keyboard_types_hangul_and_finds_dolbom(easy: EasyWindow, qtbot: QtBot) -> None:
    touch(qtbot, easy.find)
    page = easy.page
    assert isinstance(page, SearchPage)
    assert page.keyboard is not None, "Qt Virtual Keyboard did not load"
    assert page.keyboard.locale() == "ko_KR"
    assert page.keyboard.height() >= 4 * 64
    # The keyboard types into what has the focus: the box, once the page has given it (later on a
    # busy machine than the keyboard's own loading).
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is page.box, timeout=5000)
    retype_until(qtbot, page.keyboard, page.box, "ㄷㅗㄹㅂㅗㅁ", lambda text: text == "돌봄", forget="ko")
    qtbot.waitUntil(lambda: any("돌봄SOS" in b.text() for b in page.choices()), timeout=5000)
    touch(qtbot, choice(easy, "서울돌봄SOS센터"))
    assert easy.route == ("service", "dolbom-sos-center")


def test_the_keyboard_follows_the_language(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.go("search")
    easy.set_language("en")
    keyboard = easy.pages["search"].keyboard  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: keyboard.locale() == "en_US", timeout=2000)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_suggested_word_finds_something(
    quick_search: None, easy: EasyWindow, qtbot: QtBot, lang: str
) -> None:
    easy.set_language(lang)
    easy.go("search")
    page = easy.pages["search"]
    for word in SearchPage.SUGGESTIONS[lang]:
        touch(qtbot, choice(easy, word))
        assert page.box.text() == word
        suggestions = SearchPage.SUGGESTIONS[lang]
        qtbot.waitUntil(lambda: [b.text() for b in page.choices()] != suggestions, timeout=5000)  # noqa: B023
        assert page.choices(), f"{word!r} found nothing"
        page.clear()
        page.load(lang)


def test_help_shows_the_call_centre_number(easy: EasyWindow, qtbot: QtBot) -> None:
    touch(qtbot, easy.help)
    assert easy.pages["help"].number.text() == "120"  # type: ignore[attr-defined]


def test_back_and_home_walk_the_history(easy: EasyWindow, qtbot: QtBot) -> None:
    touch(qtbot, choice(easy, "집"))
    touch(qtbot, easy.page.choices()[1])  # the first service (the first choice checks them all)
    assert easy.route[0] == "service"
    touch(qtbot, easy.back)
    assert easy.route[0] == "list"
    touch(qtbot, easy.home)
    assert easy.route == ("home",) and easy.history == [("home",)]


def test_the_standard_window_has_a_big_easy_switch(catalogue: Catalogue, paths: Paths, qtbot: QtBot) -> None:
    from explorer.ui.app import make_main_window

    window = make_main_window(catalogue, "ko", paths.translations, today=TODAY)
    qtbot.addWidget(window)
    window.offer_easy()
    window.resize(1280, 800)
    window.show()
    button = window.easy_button
    assert button.isVisible() and button.text() == "쉬운 화면 (큰 글씨)"
    assert button.height() >= 48 and button.mapTo(window, button.rect().topLeft()).x() < 100
    with qtbot.waitSignal(window.easyRequested, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.has_settled, timeout=10_000)  # panels made before the catalogue closes


def test_the_easy_switch_stays_bigger_than_the_text_at_every_zoom(
    catalogue: Catalogue, paths: Paths, qtbot: QtBot
) -> None:
    """A person who zoomed the standard window to 200% must not find the way to big letters in the
    smallest type on the screen."""
    from explorer.ui.app import make_main_window

    window = make_main_window(catalogue, "ko", paths.translations, today=TODAY)
    qtbot.addWidget(window)
    window.offer_easy()
    window.resize(1600, 1000)
    window.show()
    for zoom in (1.0, 1.5, 2.0):
        window.set_zoom(zoom, save=False)
        qtbot.wait(10)
        switch = QFontInfo(window.easy_button.font()).pixelSize()
        text = QFontInfo(window.search.font()).pixelSize()
        assert switch >= text, (zoom, switch, text)  # and bold, white on the accent colour
        # ... while the search box still shows eight characters of its type.
        assert window.easy_button.height() >= 48 and window.search.width() >= 8 * text, zoom


def test_back_out_of_a_service_check_keeps_the_earlier_results(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.go("ask", ("boram-jobs", "50-plus-internship", "50-plus-campus"))
    while easy.route[0] == "question":
        touch(qtbot, choice(easy, "건너뛰기"))
    before = [b.text() for b in easy.page.choices()]
    assert before
    touch(qtbot, easy.page.choices()[0])
    assert easy.route[0] == "service"
    touch(qtbot, choice(easy, "받을 수 있을까요"))
    assert easy.route[0] == "question"
    touch(qtbot, easy.back)
    touch(qtbot, easy.back)
    assert easy.route[0] == "results"
    assert [b.text() for b in easy.page.choices()] == before


def test_every_result_can_be_reached_through_more(easy: EasyWindow, qtbot: QtBot) -> None:
    easy.go("list", ("jobs",), 0, "일자리")
    touch(qtbot, choice(easy, "받을 수 있는"))
    while easy.route[0] == "question":
        touch(qtbot, choice(easy, "건너뛰기"))
    expected = [r.names["ko"] for r in easy.controller.fitting()]
    assert len(expected) > 6
    seen: list[str] = []
    while True:
        names = [b.text() for b in easy.page.choices()]
        assert len(names) <= 6
        seen += [n for n in names if n != "더 보기"]
        if "더 보기" not in names:
            break
        touch(qtbot, choice(easy, "더 보기"))
    assert seen == expected


def test_every_service_page_says_in_one_line_what_it_is_today(easy: EasyWindow, qtbot: QtBot) -> None:
    for service_id in ("ansimi", "dolbom-sos-center", "zero-pay"):
        easy.go("service", service_id)
        today = easy.page.today  # type: ignore[attr-defined]
        assert today.isVisible() and today.text() == easy.controller.today(service_id, "ko")
        assert today.text() in easy.page.spoken()  # read aloud with the rest


def test_ended_services_are_not_offered_in_any_list(easy: EasyWindow, catalogue: Catalogue) -> None:
    ended = set(catalogue.ended_services())
    assert ended, "the catalogue records services that have ended"
    every_category = [c for topic in easy.controller.topics for c in topic.categories]
    offered = set(easy.controller.services_for(every_category))
    assert offered and not (offered & ended)


def test_an_ended_service_says_so_and_offers_no_check(easy: EasyWindow, catalogue: Catalogue) -> None:
    service_id = "seoul-safety-income"  # its pilot ended in 2025
    assert service_id in catalogue.ended_services()
    easy.go("service", service_id)
    page = easy.page
    assert "끝났어요" in page.today.text() and "120" in page.today.text()  # type: ignore[attr-defined]
    assert not page.check.isVisible()  # type: ignore[attr-defined]
    assert page.title == "서울디딤돌소득"  # its name today  # type: ignore[attr-defined]


def test_no_bar_button_is_cut_off(easy: EasyWindow, qtbot: QtBot) -> None:
    """Each button of the top and bottom bars is whole, inside its bar: as tall as its style's 88 px
    plus its padding and focus border (8 and 6 px a side). At 120 px the bars squeezed them to 96 px,
    and their lower border was cut off."""
    from PySide6.QtWidgets import QPushButton

    easy.resize(1920, 1080)
    easy.show()
    qtbot.waitExposed(easy)
    bars = [w for w in easy.findChildren(QWidget) if w.property("role") == "bar"]
    assert len(bars) == 2
    for bar in bars:
        buttons = [b for b in bar.findChildren(QPushButton) if b.isVisible()]
        assert buttons
        for button in buttons:
            top = button.mapTo(bar, button.rect().topLeft()).y()
            assert button.height() >= theme.TARGET_PX + 2 * 8 + 2 * 6, button.accessibleName()
            assert top >= 0 and top + button.height() <= bar.height(), button.accessibleName()


def test_a_maybe_says_what_is_still_to_check(easy: EasyWindow, qtbot: QtBot) -> None:
    """Under a "maybe" the line says what would settle it ("확인할 것: …", easy mode's own question),
    not a condition that already fits."""
    from explorer.core.easy import QUESTIONS

    easy.go("ask", ("boram-jobs", "50-plus-internship", "dolbom-sos-center", "ansimi"))
    while easy.route[0] == "question":
        touch(qtbot, choice(easy, "건너뛰기"))
    assert easy.route[0] == "results"
    maybes = [b.subtitle.text() for b in easy.page.choices() if "확인이 필요해요" in b.subtitle.text()]
    assert maybes, [b.subtitle.text() for b in easy.page.choices()]
    questions = {q.text["ko"] for q in QUESTIONS.values()}
    for line in maybes:
        asked = line.split(" — ", 1)[1]
        assert asked.startswith("확인할 것: "), line
        assert "충족" not in asked  # not "met: …", which settles nothing
        assert asked.removeprefix("확인할 것: ") in questions or asked.endswith(("?", "요")), line
