"""The screening tab, offscreen, over the real catalogue: fill the form as a user would, read the results."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from explorer.core.catalog import Catalogue
from explorer.core.fields import FIELD
from explorer.core.i18n import Localizer, _, set_localizer
from explorer.core.paths import Paths
from explorer.core.present import status_group_label
from explorer.core.screening import load_rules
from explorer.ui.controllers.screening import ScreeningController
from explorer.ui.theme import MIN_TARGET, stylesheet
from explorer.ui.views.screening import SECTIONS, ScreeningView
from tests.conftest import as_running

TODAY = date(2026, 11, 21)
SAFETY_INCOME = "seoul-safety-income"


@pytest.fixture
def view(catalogue: Catalogue, qtbot) -> Iterator[ScreeningView]:
    """The panel in a window that carries the theme's style sheet, as the main window does."""
    # Seoul Safety Income's pilot ended in 2025; these tests show its rule and estimate as if it ran.
    controller = ScreeningController(catalogue, TODAY, rules=as_running(load_rules(catalogue), SAFETY_INCOME))
    panel = ScreeningView(controller, "ko")
    controller.setParent(panel)
    window = QMainWindow()
    window.setStyleSheet(stylesheet(1.0))
    window.setCentralWidget(panel)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield panel  # the window stays referenced until the test ends


def _type_number(qtbot, view: ScreeningView, key: str, text: str) -> None:
    field = view.fields[key]
    field.setFocus()
    qtbot.keyClicks(field, text)


def _choose(qtbot, view: ScreeningView, key: str, steps: int) -> None:
    """Pick a combo's item with the keyboard: Down `steps` times from "Not known"."""
    field = view.fields[key]
    field.setFocus()
    for _step in range(steps):
        qtbot.keyClick(field, Qt.Key.Key_Down)


def _fill_older_person_living_alone(qtbot, view: ScreeningView, income: str = "1200000") -> None:
    _type_number(qtbot, view, "age", "72")
    _choose(qtbot, view, "lives_alone", 1)  # Yes
    _type_number(qtbot, view, "monthly_household_income_krw", income)


def _press_screen(qtbot, view: ScreeningView) -> None:
    with qtbot.waitSignal(view.controller.screened, timeout=3000):
        qtbot.mouseClick(view.screen_button, Qt.MouseButton.LeftButton)


def test_older_person_living_alone_may_get_safety_income_with_its_estimate(view, qtbot) -> None:
    _fill_older_person_living_alone(qtbot, view)
    assert view.profile() == {
        "year": 2026,
        "age": 72,
        "lives_alone": True,
        "monthly_household_income_krw": 1_200_000,
    }
    _press_screen(qtbot, view)

    assert view.result_status(SAFETY_INCOME) == "maybe"
    text = view.result_text(SAFETY_INCOME)
    assert "서울디딤돌소득" in text  # its name today
    assert "489,801원" in text  # half the gap (the scheme as run), formatted by the Korean Localizer
    assert "2026년 1인 가구 기준 중위소득 2,564,238원" in text  # and how it was reached
    assert FIELD["household_assets_krw"].question["ko"] in text  # the asset limit still open
    assert "무작위" in text  # what only the agency decides: also needed
    assert "충족: 가구 소득이 기준 중위소득의 85% 이하" in text
    assert "Asia Economy" in text  # the public source of the rule as run
    assert view.fields["monthly_household_income_krw"].text() == "1,200,000"

    report = view.controller.last_report
    headings = view.group_headings()
    for status, results in report.by_status().items():
        assert headings[status] == f"{status_group_label(status)} ({len(results)})"
    maybe_group = view.result_index(SAFETY_INCOME).parent()
    assert view.tree.isExpanded(maybe_group)
    assert "2026" in view.summary.text()


def test_a_household_above_85_percent_of_median_is_not_eligible_naming_the_criterion(view, qtbot) -> None:
    _fill_older_person_living_alone(qtbot, view, income="2300000")  # 85% of 2,564,238 is 2,179,602
    _press_screen(qtbot, view)

    assert view.result_status(SAFETY_INCOME) == "ineligible"
    text = view.result_text(SAFETY_INCOME)
    assert "충족 안 됨: 가구 소득이 기준 중위소득의 85% 이하" in text
    assert "979,602" not in text  # no estimate for a service the person cannot get

    # The group starts folded; the user opens it from the keyboard and the row shows.
    row = view.result_index(SAFETY_INCOME)
    group = row.parent()
    assert not view.tree.isExpanded(group)
    view.tree.setFocus()
    view.tree.setCurrentIndex(group)
    qtbot.keyClick(view.tree, Qt.Key.Key_Right)
    assert view.tree.isExpanded(group)
    view.tree.scrollTo(row)
    assert view.tree.visualRect(row).height() > 0


def test_an_empty_form_still_screens_every_service_and_asks_questions(view, qtbot) -> None:
    assert view.profile() == {"year": 2026}
    view.fields["age"].setFocus()
    with qtbot.waitSignal(view.controller.screened, timeout=3000):
        qtbot.keyClick(view.fields["age"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    report = view.controller.last_report
    assert len(report.results) == view.controller.service_count > 100
    shown = [view.result_status(result.id) for result in report.results]
    assert None not in shown
    groups = report.by_status()
    assert groups["maybe"] and groups["not_assessed"]
    first_maybe = view.result_text(groups["maybe"][0].id)
    assert _("Questions to settle") in first_maybe
    assert groups["maybe"][0].missing[0]["question"]["ko"] in first_maybe


def test_enter_in_a_field_screens(view, qtbot) -> None:
    _type_number(qtbot, view, "age", "35")
    with qtbot.waitSignal(view.controller.screened, timeout=3000):
        qtbot.keyClick(view.fields["age"], Qt.Key.Key_Return)
    assert view.controller.last_report.results
    view.fields["gender"].setFocus()
    with qtbot.waitSignal(view.controller.screened, timeout=3000):
        qtbot.keyClick(view.fields["gender"], Qt.Key.Key_Return)


def test_an_impossible_combination_shows_the_problem_by_its_field_and_keeps_the_form(view, qtbot) -> None:
    _choose(qtbot, view, "lives_alone", 1)  # Yes
    _type_number(qtbot, view, "household_size", "3")
    _type_number(qtbot, view, "age", "40")
    before = view.profile()
    assert before["lives_alone"] is True and before["household_size"] == 3

    with qtbot.waitSignal(view.controller.refused, timeout=3000) as refused:
        qtbot.keyClick(view.fields["age"], Qt.Key.Key_Return)
    assert any(problem.key == "lives_alone" for problem in refused.args[0])

    problems = view.problems_text()
    assert FIELD["lives_alone"].label["ko"] in problems  # the field, by the name the form gives it
    # In the form's language and its words: the answer as the form shows it ('예'), not JSON's true.
    assert "'예'인데 가구원 수가 3명입니다" in problems
    assert "true" not in problems and "household_size" not in problems
    assert view.problems_box.isVisible()
    assert "⚠" in view.labels["lives_alone"].text()
    assert "⚠" not in view.labels["age"].text()
    assert "가구원 수가 3명" in view.fields["lives_alone"].accessibleDescription()
    assert QApplication.focusWidget() is view.fields["lives_alone"]
    assert view.profile() == before  # nothing lost
    assert not view.tree.isVisible() and view.empty_label.isVisible()

    _type_number(qtbot, view, "household_size", "")  # the user corrects it: size not known
    view.fields["household_size"].selectAll()
    qtbot.keyClick(view.fields["household_size"], Qt.Key.Key_Delete)
    _press_screen(qtbot, view)
    assert view.problems_text() == ""
    assert "⚠" not in view.labels["lives_alone"].text()
    assert view.tree.isVisible()


def test_a_child_older_than_the_parent_is_refused_naming_the_childrens_ages(view, qtbot) -> None:
    _type_number(qtbot, view, "age", "30")
    view.fields["children_ages"].setFocus()
    qtbot.keyClicks(view.fields["children_ages"], "45")
    with qtbot.waitSignal(view.controller.refused, timeout=3000):
        qtbot.mouseClick(view.screen_button, Qt.MouseButton.LeftButton)
    assert FIELD["children_ages"].label["ko"] in view.problems_text()
    assert view.fields["children_ages"].text() == "45"


FULL_PROFILE = {
    "year": 2025,
    "age": 72,
    "gender": "female",
    "seoul_resident": True,
    "household_size": 3,
    "monthly_household_income_krw": 1_200_000,
    "household_assets_krw": 90_000_000,
    "needs_care": False,
    "lives_alone": False,
    "disability": False,
    "pregnant": False,
    "children_ages": [0, 8],
    "employment": "self_employed",
    "employment_insurance": False,
    "basic_livelihood_recipient": False,
    "homeless": False,
    "business": {"annual_sales_krw": 150_000_000, "employees": 2, "opened_year": 2025, "closed": False},
}


@pytest.mark.parametrize(
    "profile",
    [
        FULL_PROFILE,
        {"year": 2026},
        {"year": 2026, "business": False, "children_ages": []},
        {"year": 2026, "business": {}},
        {"year": 2026, "business": {"closed": True}, "employment": "unemployed"},
    ],
)
def test_profile_round_trips_through_the_form(view, profile) -> None:
    view.set_profile(profile)
    assert view.profile() == profile


def test_set_profile_refuses_what_the_form_cannot_show_and_changes_nothing(view) -> None:
    view.set_profile(FULL_PROFILE)
    for bad in ({"favourite_colour": "blue"}, {"age": 200}, {"gender": "robot"}, {"business": {"x": 1}}):
        with pytest.raises(ValueError):
            view.set_profile(bad)
        assert view.profile() == FULL_PROFILE


def test_filling_a_business_detail_says_the_person_runs_one(view, qtbot) -> None:
    _type_number(qtbot, view, "business.annual_sales_krw", "150000000")
    assert view.profile()["business"] == {"annual_sales_krw": 150_000_000}
    _choose(qtbot, view, "business", 2)  # Yes -> No: the details go
    assert view.profile()["business"] is False
    assert view.fields["business.annual_sales_krw"].text() == ""


def test_switching_language_changes_headings_reasons_and_amounts(view, qtbot, paths: Paths) -> None:
    _fill_older_person_living_alone(qtbot, view)
    _press_screen(qtbot, view)
    korean = view.result_text(SAFETY_INCOME)
    assert "489,801원" in korean

    set_localizer(Localizer("en", paths.translations))
    view.set_language("en")
    english = view.result_text(SAFETY_INCOME)
    assert english.startswith("Seoul Didimdol Income")
    assert "Met: Household income at or under 85% of the standard median income" in english
    assert FIELD["household_assets_krw"].question["en"] in english
    assert "chosen at random" in english
    assert "₩489,801 a month" in english
    headings = view.group_headings()
    assert headings["eligible"].startswith("Eligible (")
    assert headings["ineligible"].startswith("Not eligible (")
    assert view.screen_button.text() == "Screen"
    assert view.labels["age"].text() == "Age"
    assert "₩2,564,238" in view.summary.text()
    assert view.profile()["monthly_household_income_krw"] == 1_200_000  # the form keeps its values


def test_add_to_shortlist_and_open_emit_the_service_id(view, qtbot) -> None:
    _fill_older_person_living_alone(qtbot, view)
    _press_screen(qtbot, view)
    row = view.result_index(SAFETY_INCOME)
    assert not view.add_button.isEnabled()  # nothing chosen yet

    view.tree.setFocus()
    view.tree.setCurrentIndex(row)
    assert view.add_button.isEnabled()
    with qtbot.waitSignal(view.addToShortlist, timeout=1000) as added:
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert added.args == [SAFETY_INCOME]
    with qtbot.waitSignal(view.serviceRequested, timeout=1000) as opened:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert opened.args == [SAFETY_INCOME]

    # The buttons drawn on the row itself.
    view.tree.scrollTo(row)
    rect = view.tree.visualRect(row)
    add_rect, open_rect = view.delegate.button_rects(rect)
    assert add_rect.height() >= MIN_TARGET and open_rect.height() >= MIN_TARGET
    with qtbot.waitSignal(view.addToShortlist, timeout=1000) as added:
        qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=add_rect.center())
    assert added.args == [SAFETY_INCOME]
    with qtbot.waitSignal(view.serviceRequested, timeout=1000) as opened:
        qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=open_rect.center())
    assert opened.args == [SAFETY_INCOME]
    with qtbot.assertNotEmitted(view.addToShortlist), qtbot.assertNotEmitted(view.serviceRequested):
        qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(40, 12))


def test_a_year_without_a_median_income_table_says_which_table_was_used(view, qtbot) -> None:
    view.set_profile({"year": 2027, "household_size": 1, "monthly_household_income_krw": 1_000_000})
    _press_screen(qtbot, view)
    assert view.warning_label.isVisible()
    assert "2027" in view.warning_label.text() and "2026" in view.warning_label.text()
    view.set_profile({"year": 2026})
    _press_screen(qtbot, view)
    assert not view.warning_label.isVisible()


def test_changing_the_form_after_screening_says_the_results_are_old(view, qtbot) -> None:
    _press_screen(qtbot, view)
    stale = _("The form has changed since: press Screen to update these results.")
    assert stale not in view.summary.text()
    _type_number(qtbot, view, "age", "50")
    assert stale in view.summary.text()
    _press_screen(qtbot, view)
    assert stale not in view.summary.text()


def test_clear_empties_the_form_and_the_results(view, qtbot) -> None:
    view.set_profile(FULL_PROFILE)
    _press_screen(qtbot, view)
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.profile() == {"year": 2026}
    assert not view.tree.isVisible()


def test_every_control_is_named_reachable_by_tab_and_big_enough(view, qtbot) -> None:
    _press_screen(qtbot, view)
    view.tree.setCurrentIndex(view.result_index(SAFETY_INCOME) or view.tree.model().index(0, 0))

    first = view.fields["year"]
    first.setFocus()
    reached: list[QWidget] = []
    widget = first
    for _step in range(120):
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is first:
            break
    fields = [view.fields[key] for _section, keys in SECTIONS for key in keys]
    answers = list(view.answer_fields.values())  # the services' own questions, after the fields
    assert answers
    expected = [
        *fields,
        *answers,
        view.screen_button,
        view.clear_button,
        view.tree,
        view.add_button,
        view.open_button,
    ]
    assert reached[: len(expected)] == expected
    for control in expected:
        assert control.accessibleName(), control.objectName()
        assert control.width() >= MIN_TARGET and control.height() >= MIN_TARGET, control.objectName()


def test_zoom_lays_the_results_out_larger(view, qtbot) -> None:
    _fill_older_person_living_alone(qtbot, view)
    _press_screen(qtbot, view)
    row = view.result_index(SAFETY_INCOME)
    before = view.tree.visualRect(row).height()
    view.set_zoom(2.0)
    row = view.result_index(SAFETY_INCOME)
    assert view.tree.visualRect(row).height() > before * 1.5
    assert view.delegate.button_rects(view.tree.visualRect(row))[0].height() >= 2 * MIN_TARGET


def test_a_services_own_question_is_answered_in_the_form_and_settles_it(view, qtbot) -> None:
    view.set_profile({"year": 2026, "age": 20, "employment": "student", "seoul_resident": True})
    _press_screen(qtbot, view)
    assert view.result_status("uos-half-price-tuition") == "maybe"
    question = next(qid for qid in view.answer_fields if qid.startswith("uos-half-price-tuition:"))
    assert view.answers_box.isVisible()
    combo = view.answer_fields[question]
    assert combo.accessibleName()  # the question itself, for a screen reader
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Yes
    assert view.profile()["answers"] == {question: True}
    _press_screen(qtbot, view)
    assert view.result_status("uos-half-price-tuition") == "eligible"
    assert question in view.answer_fields  # the answered question stays, so it can be changed
    assert "답: 예" in view.result_text("uos-half-price-tuition")
    view.answer_fields[question].set_known(False)
    _press_screen(qtbot, view)
    assert view.result_status("uos-half-price-tuition") == "ineligible"
    view.clear()
    assert "answers" not in view.profile() and not view.answer_fields
