"""Fully described people (tests/data/personas/*.toml) get the answers a reviewer expects.

Each persona's expectations were worked out from the rule sources and the cited definitions, not
copied from the program's output; a failure here is a disagreement to look into, in the rules or
in the engine.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from explorer.core.catalog import open_catalogue
from explorer.core.profile import validate_profile
from explorer.core.screening import ELIGIBLE, INELIGIBLE, MAYBE, NOT_ASSESSED, RuleSet, load_rules, screen
from tests.conftest import ROOT

TODAY = date(2026, 11, 30)
FOLDER = ROOT / "tests" / "data" / "personas"


def _personas() -> list[dict]:
    out = []
    for path in sorted(FOLDER.glob("*.toml")):
        with path.open("rb") as handle:
            out += tomllib.load(handle)["personas"]
    return out


PERSONAS = _personas()


@pytest.fixture(scope="module")
def rules(built_db: Path) -> RuleSet:
    with open_catalogue(built_db) as catalogue:
        return load_rules(catalogue)


def test_there_are_ten_or_more_people_each_with_reviewed_answers_of_every_kind() -> None:
    assert len(PERSONAS) >= 10
    assert len({p["id"] for p in PERSONAS}) == len(PERSONAS)
    statuses = set()
    for persona in PERSONAS:
        assert len(persona.get("expect", {})) >= 8, persona["id"]
        statuses |= set(persona["expect"].values())
    assert statuses >= {ELIGIBLE, MAYBE, INELIGIBLE}


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_persona_gets_the_reviewed_answers(rules: RuleSet, persona: dict) -> None:
    report = screen(validate_profile(persona["profile"]), rules, TODAY)
    got = {r.id: r for r in report.results}
    wrong = []
    for service_id, expected in persona.get("expect", {}).items():
        assert service_id in got, f"unknown service {service_id}"
        result = got[service_id]
        if result.status != expected:
            why = "; ".join(reason["text"]["en"] for reason in result.reasons)
            wrong.append(f"{service_id}: {result.status}, expected {expected} ({why})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_eligible_results_say_why_and_name_their_sources(rules: RuleSet, persona: dict) -> None:
    report = screen(validate_profile(persona["profile"]), rules, TODAY)
    for result in report.results:
        if result.status == NOT_ASSESSED:
            continue
        for reason in result.reasons:
            if reason["outcome"] in ("met", "not_met"):
                assert reason["from"] in ("given", "derived", "definition", "catalogue"), (result.id, reason)
        if result.status == MAYBE:
            assert result.missing, result.id
