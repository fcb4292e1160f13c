"""The Resilient Seoul strategy in the catalogue reproduces the seed's structure and figures."""

from __future__ import annotations

import pytest

from explorer.core.amounts import find_period, parse_budget_text
from explorer.core.catalog import open_catalogue
from explorer.core.paths import Paths
from explorer.core.sources import load_sources, normalise_quote_text
from explorer.core.strategy import outside_services, read_strategy

SEED = "001_b2bd79e3a38eb186.txt"


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("53.31 billion", 53_310_000_000),
        ("1.36 trillion", 1_360_000_000_000),
        ("Budget 6.2 billion KRW", 6_200_000_000),
        ("97.126 billion", 97_126_000_000),
        ("36 million", 36_000_000),
        ("1.0 billion KRW", 1_000_000_000),
        ("no figure", None),
    ],
)
def test_budget_text_is_read_as_the_seed_means_it(text: str, won: int | None) -> None:
    assert parse_budget_text(text) == won


@pytest.mark.parametrize(
    ("text", "period"),
    [("Period 2019-2022 Budget", (2019, 2022)), ("2019~ 2.8 billion", (2019, None)), ("Period -", None)],
)
def test_periods_are_read_as_the_seed_writes_them(text: str, period) -> None:
    assert find_period(text) == period


def _actions(paths: Paths):
    sources = load_sources(paths.sources)
    for program in sources.programs:
        for action in program["actions"]:
            yield program["number"], action


def test_every_budget_and_period_is_quoted_from_the_seed(repo_paths: Paths) -> None:
    seed = normalise_quote_text((repo_paths.seeds / SEED).read_text(encoding="utf-8"))
    problems = []
    for _number, action in _actions(repo_paths):
        quotes = [normalise_quote_text(s["quote"]) for s in action["sources"] if s["document"] == SEED]
        assert all(q in seed for q in quotes), action["id"]
        if "budget_text" in action:
            holding = [q for q in quotes if normalise_quote_text(action["budget_text"]) in q]
            if not holding:
                problems.append(f"{action['id']}: budget {action['budget_text']!r} is in no quote")
            if parse_budget_text(action["budget_text"]) != action["budget_krw"]:
                problems.append(f"{action['id']}: budget_krw differs from {action['budget_text']!r}")
        if "period" in action:
            period = (action["period"]["start"], action["period"].get("end"))
            found = {find_period(q) for q in quotes} - {None}
            if period not in found:
                problems.append(f"{action['id']}: period {period} is in no quote (found {found})")
        else:
            assert action.get("notes"), f"{action['id']} has no period and no note saying why"
    assert not problems, "\n".join(problems)


def test_programs_reproduce_the_seeds_structure(paths: Paths) -> None:
    with open_catalogue(paths.catalogue) as catalogue:
        strategy = read_strategy(catalogue)
        outside = outside_services(catalogue)
        services = {s["id"] for s in catalogue.list_services()}
    assert [g["goal"] for g in strategy] == [1, 2, 3]
    programmes = {p["number"]: (g["goal"], p) for g in strategy for p in g["programs"]}
    assert sorted(programmes) == list(range(1, 15))
    # The seed's contents page: programmes 1-5 under goal 1, 6-9 under goal 2, 10-14 under goal 3.
    assert {n: goal for n, (goal, _p) in programmes.items()} == {
        **dict.fromkeys(range(1, 6), 1),
        **dict.fromkeys(range(6, 10), 2),
        **dict.fromkeys(range(10, 15), 3),
    }
    assert programmes[7][1]["names"]["en"] == "Stable and Affordable Housing for All"
    housing = {a["id"]: a for a in programmes[7][1]["actions"]}
    assert housing["p07-a1"]["budget_krw"] == 53_310_000_000
    assert housing["p07-a1"]["period"] == {"start": 2019, "end": 2022}
    assert housing["p07-a2"]["budget_krw"] == 1_360_000_000_000
    assert {"public-housing-disabilities", "housing-for-elderly", "homeless-shelters"} <= set(
        housing["p07-a1"]["services"]
    )
    zero_pay = next(a for a in programmes[12][1]["actions"] if a["id"] == "p12-a2")
    assert zero_pay["period"] == {"start": 2019, "end": None} and zero_pay["services"] == ["zero-pay"]
    linked = {sid for _g, p in programmes.values() for a in p["actions"] for sid in a["services"]}
    assert linked | set(outside) == services, "every service is linked to an action or marked outside"
    for _goal, program in programmes.values():
        assert program["names"]["ko"] and program["names"]["en"]
        assert any(a["kind"] == "action" for a in program["actions"])
        for action in program["actions"]:
            assert action["names"]["ko"] and action["names"]["en"]
            assert action["sources"]
            for who in action["departments"] + action["partners"]:
                assert who["ko"] and who["en"]
