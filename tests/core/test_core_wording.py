"""The core's wording lives in the gettext catalogues: no Korean sentence is written in a core module,
every message the core marks is in the catalogues, and the words a person reads come from them."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from explorer.core import current, i18n, referral
from explorer.core.easy import VERDICTS
from explorer.core.facts import FACTS
from explorer.core.fields import FIELD, SECTIONS
from explorer.core.i18n import Localizer, Messages, both, localizer_for
from explorer.core.paths import Paths
from explorer.core.reasons import show

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "explorer" / "core"
HANGUL = re.compile(r"[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")

#: Hangul the core may hold, and why: data, never wording a person reads from the core.
ALLOWED: dict[str, set[str] | None] = {
    # The Korean alphabet itself (jamo tables for initial-sound search and decomposition): data.
    "hangul.py": None,
    # Particles, endings and filler words that search strips from a query: language data the search
    # reads, never shown.
    "textnorm.py": None,
    # The Localizer's own Korean format for an amount of won ("53,310,000,000원", "2.07조 원"): the
    # module that formats for the locale, where Babel's Korean currency format is not the one used.
    "i18n.py": {"원", " 원"},
    # The call centre's name as db/channels.toml records it, used only when the catalogue lacks the
    # record: a proper name copied from the data (it follows the data, not a translator).
    "referral.py": {"120 다산콜센터"},
    # Datasette's metadata is written in English; these are the program's Korean name beside its
    # English one in a title, and examples of what a person types into a search (not wording).
    "datasette_meta.py": {
        "Seoul Services Explorer catalogue (서울 서비스 탐색기)",
        "Any part of a name, another name or the name today: 제로페이, Zero-Pay, 돌봄",
    },
}


def hangul_literals(path: Path) -> list[tuple[int, str]]:
    """Every string literal (f-string parts included, docstrings not) in `path` that holds Hangul."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and HANGUL.search(node.value)
    )


def wording_outside_the_catalogues(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.py")):
        allowed = ALLOWED.get(path.name, set())
        if allowed is None:
            continue
        found += [
            f"{path.name}:{line}: {text!r}" for line, text in hangul_literals(path) if text not in allowed
        ]
    return found


def test_no_korean_wording_is_written_in_the_core() -> None:
    """Korean sentences are msgstrs in translations/ko, never literals in explorer/core."""
    assert wording_outside_the_catalogues(CORE) == []
    assert len(list(CORE.glob("*.py"))) > 50  # the scan saw the core


def test_every_allowed_literal_is_still_there() -> None:
    """The allowed list names only what exists (an entry no longer needed is removed, not kept)."""
    for name, allowed in ALLOWED.items():
        found = {text for _line, text in hangul_literals(CORE / name)}
        assert found, name
        if allowed is not None:
            assert allowed <= found, name


def test_the_scan_would_see_korean_wording(tmp_path: Path) -> None:
    (tmp_path / "words.py").write_text(
        '"""설명은 괜찮습니다."""\n\nLINE = {"ko": f"지금도 운영 중이에요 ({1})", "en": "Still running"}\n',
        encoding="utf-8",
    )
    assert wording_outside_the_catalogues(tmp_path) == ["words.py:3: '지금도 운영 중이에요 ('"]


# --- every message the core marks is in the catalogues --------------------------------------------

#: How the core marks a message: the call's name, and where the context and the message id are.
_MARKERS = {
    "_": (None, 0),
    "N_": (None, 0),
    "gettext": (None, 0),
    "ngettext": (None, 0),
    "pgettext": (0, 1),
    "Problem": (None, 1),
}


def marked_messages(folder: Path) -> set[tuple[str | None, str]]:
    """(context, message id) of every _(), N_(), gettext(), ngettext(), pgettext() and Problem() call on
    literals (what pybabel extracts: `make extract-messages`)."""
    out = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in _MARKERS:
                continue
            context_at, message_at = _MARKERS[name]
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if len(args) > message_at and isinstance(args[message_at], str):
                context = args[context_at] if context_at is not None else None
                out.add((context, args[message_at]))
    return out


def test_every_message_the_core_marks_is_translated_into_korean(repo_paths: Paths) -> None:
    with (repo_paths.translations / "ko" / "LC_MESSAGES" / "explorer.po").open("rb") as handle:
        catalog = read_po(handle)
    marked = marked_messages(CORE)
    assert len(marked) > 500  # the scan saw the core's messages
    missing = []
    for context, message in sorted(marked, key=str):
        entry = catalog.get(message, context=context)
        if entry is None:  # a plural: its catalogue id is (singular, plural)
            entry = next((m for m in catalog if isinstance(m.id, tuple) and m.id[0] == message), None)
        strings = (
            () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        )
        if entry is None or entry.fuzzy or not all(strings):
            missing.append((context, message))
    assert missing == []


# --- the words come from the catalogues -----------------------------------------------------------


@pytest.fixture
def edited_translations(tmp_path: Path, repo_paths: Paths) -> Path:
    """A copy of the catalogues (the .po files only: compiled in memory) with Korean wording changed."""
    for lang in ("ko", "en"):
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(repo_paths.translations / lang / "LC_MESSAGES" / "explorer.po", folder)
    po = tmp_path / "ko" / "LC_MESSAGES" / "explorer.po"
    text = po.read_text(encoding="utf-8")
    for old, new in (
        ('msgstr "지금도 운영 중이에요 ({seen} 자료로 확인)."', 'msgstr "바뀐 말: 운영 중 ({seen})."'),
        ('msgstr "안내받은 서비스"', 'msgstr "바뀐 제목"'),
        ('msgstr "받을 수 있어 보여요"', 'msgstr "바뀐 판정"'),
        ('msgstr "충족: {text} ({shown})"', 'msgstr "바뀐 충족: {text} ({shown})"'),
    ):
        assert old in text, old
        text = text.replace(old, new)
    po.write_text(text, encoding="utf-8")
    return tmp_path


def test_moved_wording_follows_the_catalogue(edited_translations: Path, monkeypatch) -> None:
    """With the interface in English over the edited catalogues, the Korean the core writes (a line
    about a service, a referral sheet, easy mode's verdict, a screening reason) is the edited one."""
    monkeypatch.setattr(i18n._Active, "localizer", Localizer("en", edited_translations))
    record = {"state": "running", "facts": [{"text": {}, "source": {"published": "2024-05"}}]}
    assert current.line(record, "2019") == {
        "ko": "바뀐 말: 운영 중 (2024년 5월).",
        "en": "Still running (confirmed by a source of May 2024).",
    }
    assert referral.SHEET_TEXT["ko"]["title"] == "바뀐 제목"
    assert referral.SHEET_TEXT["en"]["title"] == "Services for you"
    assert VERDICTS["eligible"]["ko"] == "바뀐 판정"
    from explorer.core.reasons import met

    assert met({"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}) == {
        "ko": "바뀐 충족: 가 (나)",
        "en": "Met: a (b)",
    }


def test_the_same_words_without_an_active_localizer(monkeypatch) -> None:
    """With no Localizer set (a script, a test), the program's own catalogues are read."""
    monkeypatch.setattr(i18n._Active, "localizer", None)
    record = {"state": "running", "facts": [{"text": {}, "source": {"published": "2024-05"}}]}
    assert current.line(record, "2019")["ko"] == "지금도 운영 중이에요 (2024년 5월 자료로 확인)."
    assert localizer_for("ko").gettext("Services for you") == "안내받은 서비스"


def test_localizer_for_reuses_the_active_one_and_keeps_the_others(repo_paths: Paths, monkeypatch) -> None:
    active = Localizer("ko", repo_paths.translations)
    monkeypatch.setattr(i18n._Active, "localizer", active)
    assert localizer_for("ko") is active
    english = localizer_for("en")
    assert english.lang == "en" and english.folder == repo_paths.translations
    assert localizer_for("en") is english


def test_both_fills_each_language_with_its_own_arguments(repo_paths: Paths, monkeypatch) -> None:
    monkeypatch.setattr(i18n._Active, "localizer", Localizer("en", repo_paths.translations))
    assert both.gettext("Met: {text} ({shown})", text={"ko": "가", "en": "a"}, shown="72") == {
        "ko": "충족: 가 (72)",
        "en": "Met: a (72)",
    }
    assert both.ngettext("{count} person", "{count} people", 1, count=1) == {"ko": "1명", "en": "1 person"}
    assert both.ngettext("{count} person", "{count} people", 3, count=3) == {"ko": "3명", "en": "3 people"}


def test_a_context_keeps_the_same_english_apart(repo_paths: Paths, monkeypatch) -> None:
    """ "Screening" is 자격 확인 in the window's title and 심사 as the form's section."""
    monkeypatch.setattr(i18n._Active, "localizer", Localizer("en", repo_paths.translations))
    assert localizer_for("ko").gettext("Screening") == "자격 확인"
    assert SECTIONS["screening"] == {"ko": "심사", "en": "Screening"}
    assert show(FACTS["age"], 72, "ko") == "72세"
    assert show(FACTS["youngest_child_age"], 7, "ko") == "막내 자녀 나이 7세"
    assert show(FACTS["business_employees"], 7, "ko") == "상시 근로자 수 7명"


def test_a_table_is_read_when_looked_up(repo_paths: Paths, monkeypatch) -> None:
    table = Messages(
        {
            "yes": i18n.N_("answered yes"),
            "section": Messages.pgettext("a section of the screening form", "Screening"),
        }
    )
    assert list(table) == ["yes", "section"] and "yes" in table and "no" not in table
    assert table["yes"] == {"ko": "답: 예", "en": "answered yes"}
    assert table.in_language("ko") == {"yes": "답: 예", "section": "심사"}
    assert FIELD["age"].label == {"ko": "나이", "en": "Age"}
    assert FIELD["household_assets_krw"].short_label == {"ko": "가구 재산", "en": "Household assets"}


def test_counts_take_the_plural_they_need() -> None:
    assert show(FACTS["household_size"], 1, "en") == "1 person"
    assert show(FACTS["household_size"], 4, "en") == "4 people"
    assert show(FACTS["business_age_years"], 1, "en") == "years in business: 1 year"
    assert show(FACTS["business_age_years"], 3, "en") == "years in business: 3 years"
    assert show(FACTS["business_age_years"], 3, "ko") == "사업 운영 기간 3년"


def test_an_easy_question_is_a_field_message_or_a_services_own_words() -> None:
    from explorer.core.easy import QUESTIONS, YES_NO, Question

    assert QUESTIONS["age"].text == {"ko": "나이가 몇 살이세요?", "en": "How old are you?"}
    own = {"ko": "서울에서 사업을 하나요?", "en": "Is the business in Seoul?"}
    assert Question("a-service:in-seoul", YES_NO, own).text == own  # the catalogue's words, as given
