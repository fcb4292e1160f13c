"""The screening controller over a real catalogue: screenings run off the GUI thread, only the
answer to the last form asked for is shown, bad forms are refused at once, and a second controller
over the same catalogue takes the compiled rules from the cache."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import explorer.ui.controllers.screening as controller_module
from explorer.core.catalog import Catalogue
from explorer.core.compiled_rules import RuleCache
from explorer.core.screening import Report
from explorer.ui.controllers.screening import ScreeningController

TODAY = date(2026, 11, 21)


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, threading.Thread]]:
    """Each screening the controller runs: (the year screened, the thread it ran in)."""
    calls: list[tuple[int, threading.Thread]] = []
    real = controller_module.screen

    def screen(profile: Any, rules: Any, today: date) -> Report:
        calls.append((profile.get("year"), threading.current_thread()))
        return real(profile, rules, today)

    monkeypatch.setattr(controller_module, "screen", screen)
    return calls


def _hold_year(monkeypatch: pytest.MonkeyPatch, year: int) -> tuple[threading.Event, threading.Event]:
    """Make the screening of `year` wait in the worker until released: (started, release)."""
    started, release = threading.Event(), threading.Event()
    real: Callable[..., Report] = controller_module.screen

    def screen(profile: Any, rules: Any, today: date) -> Report:
        if profile.get("year") == year:
            started.set()
            release.wait(10)
        return real(profile, rules, today)

    monkeypatch.setattr(controller_module, "screen", screen)
    return started, release


def test_a_profile_is_screened_off_the_gui_thread_and_the_report_comes_back(
    catalogue: Catalogue, qtbot: QtBot, spied: list
) -> None:
    controller = ScreeningController(catalogue, TODAY, cache=RuleCache())
    with qtbot.waitSignal(controller.screened, timeout=5000) as answer:
        controller.screen({"year": 2026, "age": 72, "lives_alone": True})
        assert controller.pending  # asked for, not answered yet: the GUI thread goes on
    report = answer.args[0]
    assert [year for year, _thread in spied] == [2026]
    assert spied[0][1] is not threading.main_thread()
    assert report.year == 2026 and len(report.results) == controller.service_count
    assert report.by_status()["eligible"]
    assert controller.last_report is report and not controller.pending


def test_only_the_answer_to_the_last_form_is_shown(
    catalogue: Catalogue, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, spied: list
) -> None:
    started, release = _hold_year(monkeypatch, 2025)
    controller = ScreeningController(catalogue, TODAY, cache=RuleCache())
    shown: list[int] = []
    controller.screened.connect(lambda report: shown.append(report.year))
    controller.screen({"year": 2025, "age": 40})
    assert started.wait(10)  # the first form is being screened in the worker
    with qtbot.waitSignal(controller.screened, timeout=5000):
        controller.screen({"year": 2026, "age": 72})  # the person changed the form meanwhile
        release.set()
    qtbot.wait(100)  # time enough for anything else to arrive
    assert [year for year, _thread in spied] == [2025, 2026]  # both screened, ...
    assert shown == [2026]  # ... the older answer dropped
    assert controller.last_report is not None and controller.last_report.year == 2026


def test_a_bad_form_is_refused_at_once_and_an_answer_still_on_its_way_is_dropped(
    catalogue: Catalogue, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = _hold_year(monkeypatch, 2025)
    controller = ScreeningController(catalogue, TODAY, cache=RuleCache())
    shown: list[Report] = []
    refused: list[list[str]] = []
    controller.screened.connect(shown.append)
    controller.refused.connect(refused.append)
    controller.screen({"year": 2025, "age": 40})
    assert started.wait(10)
    controller.screen({"year": 2026, "lives_alone": True, "household_size": 3})
    assert refused and any(problem.key == "lives_alone" for problem in refused[0])  # at once
    assert not controller.pending
    release.set()
    assert controller.wait(5000)
    qtbot.wait(100)
    assert shown == [] and controller.last_report is None


def test_a_second_controller_over_the_same_catalogue_takes_the_compiled_rules_from_the_cache(
    catalogue: Catalogue, qtbot: QtBot
) -> None:
    cache = RuleCache()
    first = ScreeningController(catalogue, TODAY, cache=cache)
    second = ScreeningController(catalogue, TODAY, cache=cache)
    assert second.rules is first.rules and cache.reads == 1
    for controller in (first, second):
        with qtbot.waitSignal(controller.screened, timeout=5000):
            controller.screen({"year": 2026, "age": 30})
    assert first.last_report is not None and second.last_report is not None
    assert first.last_report.to_json() == second.last_report.to_json()
