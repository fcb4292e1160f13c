"""What a service is today: the record's rules, its plain line, and how search, screening and the
detail follow it. Each test writes a record into a private copy of db/ and builds a real catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.core.build import build_catalogue
from explorer.core.catalog import open_catalogue
from explorer.core.current import GONE, RUNS, STATES, format_date, line, screening_status
from explorer.core.errors import SourceError
from explorer.core.paths import Paths
from explorer.core.present import service_sections
from explorer.core.profile import validate_profile
from explorer.core.screening import INELIGIBLE, load_rules, screen
from explorer.core.search import Searcher

TODAY = date(2026, 11, 30)

SOURCE = """source.publisher = "Test Daily"
source.title = "A test article"
source.published = "2025-03-24"
source.url = "https://example.org/2025/03/24/test"
source.quote = "a short quote"
"""


def _set_current(paths: Paths, service_id: str, record: str) -> None:
    """Replace the service's [current] record with `record` (TOML)."""
    path = paths.sources / "services" / f"{service_id}.toml"
    text = path.read_text(encoding="utf-8")
    if "\n[current]" in text:
        text = text[: text.index("\n[current]")]
    path.write_text(text.rstrip() + "\n\n" + record, encoding="utf-8")


def _build(paths: Paths) -> Path:
    build_catalogue(paths.sources, paths.catalogue, paths.seeds)
    return paths.catalogue


RENAMED = f"""[current]
state = "renamed"
checked = "2026-11-30"
since = "2024-09"
name.ko = "시험디딤돌"
name.en = "Test Stepping Stone"
alt_names.ko = ["시험돌다리"]

[[current.facts]]
topic = "name"
text.ko = "이름이 바뀌었습니다."
text.en = "It was renamed."
{SOURCE}"""

ENDED = f"""[current]
state = "ended"
checked = "2026-11-30"
since = "2024-03"

[[current.facts]]
topic = "status"
text.ko = "2024년 3월에 끝났습니다."
text.en = "It ended in March 2024."
{SOURCE}"""


def test_a_renamed_service_is_found_by_its_name_today_and_says_so(source_copy: Paths) -> None:
    _set_current(source_copy, "seoul-safety-income", RENAMED)
    with open_catalogue(_build(source_copy)) as catalogue:
        hits = [r.id for r in Searcher(catalogue).search("시험디딤돌")]
        assert hits and hits[0] == "seoul-safety-income"
        assert [r.id for r in Searcher(catalogue).search("시험돌다리")][:1] == ["seoul-safety-income"]
        service = catalogue.get_service("seoul-safety-income")
        outside = catalogue.query(
            "SELECT kind, publisher, published, url FROM documents WHERE kind = 'outside'"
        )
    assert service["current"]["state"] == "renamed"
    assert {
        "kind": "outside",
        "publisher": "Test Daily",
        "published": "2025-03-24",
        "url": "https://example.org/2025/03/24/test",
    } in outside
    sections = service_sections(service, "ko", {}, {})
    assert sections[0].key == "today" and sections[0].tone == "eligible"
    assert "시험디딤돌" in sections[0].paragraphs[0]
    assert any("Test Daily" in p and "https://example.org" in p for p in sections[0].paragraphs)
    assert sections[1].key == "status" and "2023" in sections[1].title  # the seed record, as history


def test_an_ended_service_is_never_eligible_and_comes_last_in_search(source_copy: Paths) -> None:
    _set_current(source_copy, "ansimi", ENDED)
    with open_catalogue(_build(source_copy)) as catalogue:
        rules = load_rules(catalogue)
        results = [r.id for r in Searcher(catalogue).search("안심")]
        service = catalogue.get_service("ansimi")
        catalogue_ended = catalogue.ended_services()
    report = screen(validate_profile({"gender": "female", "seoul_resident": True}), rules, TODAY)
    ansimi = next(r for r in report.results if r.id == "ansimi")
    assert ansimi.status == INELIGIBLE and "ended" in ansimi.reasons[0]["text"]["en"]
    assert "ansimi" in results
    gone = set(catalogue_ended)
    first_ended = min(i for i, sid in enumerate(results) if sid in gone)
    assert all(sid in gone for sid in results[first_ended:])  # every ended one after every running one
    assert "2024년 3월에 끝났어요" in line(service["current"], service["as_of"])["ko"]


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ('[current]\nstate = "running"\nchecked = "2026-11-30"\n', "needs at least one fact"),
        (
            '[current]\nstate = "renamed"\nchecked = "2026-11-30"\n\n[[current.facts]]\ntopic = "name"\n'
            'text.ko = "가"\ntext.en = "a"\n' + SOURCE,
            "needs the current name",
        ),
        (
            '[current]\nstate = "running"\nchecked = "2026-11-30"\n\n[[current.facts]]\ntopic = "status"\n'
            'text.ko = "가"\ntext.en = "a"\n' + SOURCE.replace("https://", "http://"),
            "https://",
        ),
        (
            '[current]\nstate = "running"\nchecked = "2026-11-30"\n\n[[current.facts]]\ntopic = "status"\n'
            'text.ko = "가"\ntext.en = "a"\n' + SOURCE.replace('source.published = "2025-03-24"\n', ""),
            "published",
        ),
        ('[current]\nstate = "gone fishing"\nchecked = "2026-11-30"\n', "state"),
    ],
)
def test_an_outside_fact_without_a_dated_linked_source_is_refused(
    source_copy: Paths, record: str, problem: str
) -> None:
    _set_current(source_copy, "zero-pay", record)
    with pytest.raises(SourceError) as caught:
        _build(source_copy)
    assert any("zero-pay" in line and problem in line for line in caught.value.problems), (
        caught.value.problems
    )


@pytest.mark.parametrize("state", STATES)
def test_every_state_has_a_plain_line_in_both_languages(state: str) -> None:
    record = {
        "state": state,
        "checked": "2026-11-30",
        "since": "2024-03",
        "name": {"ko": "새 이름", "en": "New"},
        "facts": [
            {
                "topic": "status",
                "text": {"ko": "가", "en": "a"},
                "source": {"publisher": "P", "title": "T", "published": "2025-06", "url": "https://x"},
            }
        ],
    }
    said = line(record, "2019")
    assert said["ko"] and said["en"]
    if state in RUNS:
        assert "2025" in said["ko"] and "120" not in said["ko"]
    else:
        assert "120" in said["ko"] and "120" in said["en"]  # anything not running points to 120
    assert screening_status(record, "active") == (
        "ended" if state in GONE else "active" if state in RUNS else "unknown"
    )


def test_without_a_record_a_service_is_unknown_never_running() -> None:
    said = line(None, "2019")
    assert "2019" in said["ko"] and "120" in said["ko"]
    assert screening_status(None, "planned") == "planned" and screening_status(None, "active") == "unknown"
    assert format_date("2024-03", "ko") == "2024년 3월" and format_date("2024-03", "en") == "March 2024"
