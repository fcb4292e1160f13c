"""Compiled rules are read once per catalogue: the same catalogue shares them, a rebuilt one does not."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from explorer.core.build import build_catalogue
from explorer.core.catalog import open_catalogue
from explorer.core.catalogue_file import DIGEST_KEY
from explorer.core.compiled_rules import RuleCache
from explorer.core.paths import Paths
from explorer.core.profile import validate_profile
from explorer.core.screening import INELIGIBLE, RuleSet, load_rules, screen

TODAY = date(2026, 11, 21)
INTERNSHIP = "50-plus-internship"  # for people aged 50 to 64


def _status(rules: RuleSet, profile: dict, service_id: str) -> str:
    report = screen(validate_profile(profile), rules, TODAY)
    return next(r.status for r in report.results if r.id == service_id)


def test_the_same_catalogue_opened_again_or_copied_shares_one_set_of_compiled_rules(
    built_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(built_db, copy)
    cache = RuleCache()
    with open_catalogue(built_db) as first, open_catalogue(built_db) as second, open_catalogue(copy) as third:
        rules = cache.rules(first)
        assert cache.rules(second) is rules
        assert cache.rules(third) is rules  # the same content, wherever the file is
    assert cache.reads == 1
    assert rules.compiled() is rules.compiled()
    # Screening with the cached rules says what screening with rules read afresh says.
    with open_catalogue(built_db) as catalogue:
        fresh = load_rules(catalogue)
    person = validate_profile(
        {"year": 2026, "age": 72, "lives_alone": True, "monthly_household_income_krw": 900_000}
    )
    assert screen(person, rules, TODAY).to_json() == screen(person, fresh, TODAY).to_json()


def test_a_rebuilt_catalogue_with_a_changed_rule_gets_its_own_rules(
    source_copy: Paths, built_db: Path
) -> None:
    cache = RuleCache()
    with open_catalogue(built_db) as catalogue:
        before = cache.rules(catalogue)
    service = source_copy.sources / "services" / f"{INTERNSHIP}.toml"
    text = service.read_text(encoding="utf-8")
    assert "value = 50\n" in text
    service.write_text(text.replace("value = 50\n", "value = 45\n", 1), encoding="utf-8")
    build_catalogue(source_copy.sources, source_copy.catalogue, source_copy.seeds)
    with open_catalogue(source_copy.catalogue) as catalogue:
        after = cache.rules(catalogue)
        assert cache.rules(catalogue) is after
    assert after is not before and cache.reads == 2
    person = {"year": 2026, "age": 47}
    assert _status(before, person, INTERNSHIP) == INELIGIBLE
    assert _status(after, person, INTERNSHIP) != INELIGIBLE  # the new rule, not the cached old one


def test_a_catalogue_without_a_content_digest_is_read_every_time(built_db: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.db"
    shutil.copyfile(built_db, bare)
    with sqlite3.connect(bare) as conn:
        conn.execute("DELETE FROM meta WHERE key = ?", (DIGEST_KEY,))
    conn.close()
    cache = RuleCache()
    with open_catalogue(bare) as catalogue:
        first = cache.rules(catalogue)
        second = cache.rules(catalogue)
    assert first is not second and cache.reads == 2


def test_the_cache_keeps_only_the_newest_catalogues(built_db: Path, tmp_path: Path) -> None:
    cache = RuleCache(keep=1)
    other = tmp_path / "other.db"
    shutil.copyfile(built_db, other)
    with sqlite3.connect(other) as conn:  # another catalogue: another digest
        conn.execute("UPDATE meta SET value = 'sha256:other' WHERE key = ?", (DIGEST_KEY,))
    conn.close()
    with open_catalogue(built_db) as real, open_catalogue(other) as changed:
        first = cache.rules(real)
        assert cache.rules(changed) is not first
        assert cache.rules(real) is not first  # forgotten when the other came in
    assert cache.reads == 3
