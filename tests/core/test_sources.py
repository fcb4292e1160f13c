"""The sources under db/: the real ones are valid, and each kind of mistake is named clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer.core.errors import SourceError
from explorer.core.paths import Paths
from explorer.core.sources import check_quotes, load_sources, read_sources, sources_digest
from tests.conftest import FIRST_SERVICES


def test_real_sources_are_valid_and_every_quote_is_in_its_seed(repo_paths: Paths) -> None:
    sources = load_sources(repo_paths.sources)
    assert check_quotes(sources, repo_paths.seeds) == []
    ids = {s["id"] for s in sources.services}
    assert set(FIRST_SERVICES) <= ids


def test_first_services_have_every_field_in_both_languages(repo_paths: Paths) -> None:
    sources = load_sources(repo_paths.sources)
    by_id = {s["id"]: s for s in sources.services}
    for sid in FIRST_SERVICES:
        service = by_id[sid]
        for field in ("name", "summary", "description", "eligibility", "benefits", "how_to_apply"):
            assert service[field]["ko"] and service[field]["en"], (sid, field)
            assert re.search("[가-힣]", service[field]["ko"]), f"{sid}.{field}.ko is not Korean"
        assert service["keywords"]["ko"] and service["keywords"]["en"]
        assert service["sources"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(paths: Paths) -> list[str]:
    problems: list[str] = []
    read_sources(paths.sources, problems)
    return problems


def test_broken_toml_names_the_file(source_copy: Paths) -> None:
    (source_copy.sources / "services" / "zero-pay.toml").write_text('id = "zero-pay\n', encoding="utf-8")
    problems = _problems(source_copy)
    assert any(p.startswith("db/services/zero-pay.toml: not valid TOML") for p in problems)


def test_missing_english_summary_is_named(source_copy: Paths) -> None:
    path = source_copy.sources / "services" / "zero-pay.toml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(\[summary\]\nko = "[^"]*"\n)en = "[^"]*"\n', r"\1", text)
    path.write_text(text, encoding="utf-8")
    assert "db/services/zero-pay.toml.summary.en: missing" in _problems(source_copy)


def test_unknown_references_and_keys_are_named(source_copy: Paths) -> None:
    path = source_copy.sources / "services" / "zero-pay.toml"
    _edit(path, 'categories = ["payments"', 'colour = "red"\ncategories = ["nonsense"')
    _edit(path, 'actions = ["p12-a2"]', 'actions = ["p99-a9"]')
    problems = _problems(source_copy)
    assert "db/services/zero-pay.toml: unknown key 'colour'" in problems
    assert "db/services/zero-pay.toml: categories: 'nonsense' does not exist" in problems
    assert "db/services/zero-pay.toml: actions: 'p99-a9' does not exist" in problems


def test_id_must_match_file_and_be_unique(source_copy: Paths) -> None:
    services = source_copy.sources / "services"
    (services / "zero-pay-copy.toml").write_text(
        (services / "zero-pay.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    problems = _problems(source_copy)
    assert "db/services/zero-pay-copy.toml: id 'zero-pay' differs from the file name" in problems
    assert "service 'zero-pay' is defined twice" in problems


def test_a_service_id_must_be_lowercase_letters_digits_and_hyphens(source_copy: Paths) -> None:
    services = source_copy.sources / "services"
    (services / "zero-pay.toml").rename(services / "Zero_Pay.toml")
    _edit(services / "Zero_Pay.toml", 'id = "zero-pay"', 'id = "Zero_Pay"')
    with pytest.raises(SourceError) as info:
        load_sources(source_copy.sources)
    line = "db/services/Zero_Pay.toml: id 'Zero_Pay' is not lowercase letters, digits and hyphens"
    assert line in info.value.problems
    assert not any("differs from the file name" in p for p in info.value.problems)


def test_a_service_without_sources_or_status_is_refused(source_copy: Paths) -> None:
    path = source_copy.sources / "services" / "zero-pay.toml"
    text = path.read_text(encoding="utf-8").replace('status = "active"\n', "")
    text = text.split("[[sources]]")[0]
    path.write_text(text, encoding="utf-8")
    problems = _problems(source_copy)
    assert "db/services/zero-pay.toml.status: missing" in problems
    assert "db/services/zero-pay.toml.sources: missing" in problems


def test_impossible_dates_and_periods_are_named(source_copy: Paths) -> None:
    _edit(source_copy.sources / "services" / "zero-pay.toml", 'as_of = "2019"', 'as_of = "2019-02-30"')
    problems = _problems(source_copy)
    assert "db/services/zero-pay.toml.as_of: '2019-02-30' is not a real date" in problems


def test_an_invented_quote_is_caught(source_copy: Paths) -> None:
    _edit(
        source_copy.sources / "services" / "zero-pay.toml",
        "do not have to pay any transaction fee",
        "pay no fee and get free coffee",
    )
    sources = load_sources(source_copy.sources)
    problems = check_quotes(sources, source_copy.seeds)
    assert any("quote not found in 001_b2bd79e3a38eb186.txt" in p for p in problems)


def test_load_sources_raises_one_clear_line(source_copy: Paths) -> None:
    (source_copy.sources / "documents.toml").unlink()
    with pytest.raises(SourceError) as info:
        load_sources(source_copy.sources)
    assert "\n" not in info.value.message
    assert "db/documents.toml: missing" in info.value.problems


def test_digest_changes_with_any_source(source_copy: Paths) -> None:
    before = sources_digest(source_copy.sources)
    _edit(source_copy.sources / "services" / "zero-pay.toml", "제로페이", "제로페이 ")
    assert sources_digest(source_copy.sources) != before


def test_a_missing_programme_is_named(source_copy: Paths) -> None:
    (source_copy.sources / "strategy" / "program-05.toml").unlink()
    assert "strategy/: programs 5 are missing" in _problems(source_copy)


def test_budget_must_match_its_text_and_periods_need_a_reason(source_copy: Paths) -> None:
    path = source_copy.sources / "strategy" / "program-07.toml"
    _edit(path, "budget_krw = 53310000000", "budget_krw = 5331000000")
    _edit(path, "period = { start = 2019, end = 2022 }\n", "")
    problems = _problems(source_copy)
    assert any(
        "p07-a1: budget_krw 5331000000 does not match budget_text '53.31 billion'" in p for p in problems
    )
    assert any("action p07-a1 has no period" in p for p in problems)
