"""The referral sheet's content, without Qt: fields in the client's language, 120 fallbacks, escaping, QR."""

from __future__ import annotations

import html
import re
import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.referral import (
    QR_SCALE,
    SHEET_TEXT,
    build_referral,
    format_as_of,
    load_channels,
    qr_payload,
)

TODAY = date(2026, 3, 5)
SHORTLIST = ("dolbom-sos-center", "ansimi", "zero-pay")


@pytest.fixture(scope="module")
def catalogue(built_db: Path) -> Iterator[Catalogue]:
    with open_catalogue(built_db) as opened:
        yield opened


@pytest.fixture(scope="module")
def channels(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    return load_channels(catalogue)


def service(**fields: Any) -> dict[str, Any]:
    """A service dict shaped like Catalogue.get_service(), with nothing optional given."""
    record: dict[str, Any] = {
        "id": "test-service",
        "names": {"ko": "시험 서비스", "en": "Test Service"},
        "summary": {"ko": "요약입니다.", "en": "A summary."},
        "eligibility": {"ko": "누구나.", "en": "Anyone."},
        "how_to_apply": {"ko": "주민센터에서 신청합니다.", "en": "Apply at the centre."},
        "status": "active",
        "as_of": "2019-04",
        "documents": [],
        "contacts": [],
        "channels": [],
    }
    record.update(fields)
    return record


def text_of(sheet_html: str) -> str:
    """The sheet's visible text: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", sheet_html.split("</head>", 1)[1]))


def test_the_sheet_wording_exists_in_both_languages() -> None:
    assert SHEET_TEXT["ko"].keys() == SHEET_TEXT["en"].keys()
    assert SHEET_TEXT["ko"]["title"] == "안내받은 서비스"
    assert SHEET_TEXT["en"]["title"] == "Services for you"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_field_in_the_clients_language(catalogue: Catalogue, channels, lang: str) -> None:
    services = [catalogue.get_service(i) for i in SHORTLIST]
    sheet = build_referral(services, lang, TODAY, channels)
    words = SHEET_TEXT[lang]
    other = "en" if lang == "ko" else "ko"
    text = text_of(sheet.html)
    assert sheet.title == words["title"] and sheet.lang == lang
    assert words["title"] in text
    assert ("2026년 3월 5일" if lang == "ko" else "March 5, 2026") in text
    assert f"{words['client']}: ____" in text
    for key in ("summary", "eligibility", "how_to_apply", "documents", "contact", "today", "history"):
        assert text.count(words[key]) >= len(services), key
    for number, record in enumerate(services, start=1):
        assert f"{number}. {record['names'][lang]}" in text
        assert record["names"][other] in text  # the other language's name, small beneath
        for field in ("summary", "eligibility", "how_to_apply"):
            # Who can get it and how to apply: today's sourced facts where there are any, in place of
            # what the 2019 sources said; else the 2019 text.
            today = [f["text"] for f in (record["current"] or {}).get("facts", []) if f["topic"] == field]
            expected = [t[lang] for t in today] or [record[field][lang]]
            assert all(e in text for e in expected), field
            assert not any(t[other] in text for t in today) and record[field][other] not in text, field
            if today:
                assert record[field][lang] not in text, field
        # Every fact of today is on the sheet, however many there are (it once kept three).
        facts = (record["current"] or {}).get("facts", [])
        assert all(f["text"][lang] in text for f in facts), record["id"]
    assert max(len((r["current"] or {}).get("facts", [])) for r in services) > 3  # the shortlist shows it
    assert words["status_planned"] in text and words["status_active"] in text  # Dolbom SOS is planned
    assert words["as_of"].format(date="2019년" if lang == "ko" else "2019") in text
    assert "120" in sheet.footer and ("확인" if lang == "ko" else "check") in sheet.footer
    assert sheet.footer not in text  # printed at the foot of every page instead


def test_the_name_line_can_be_left_out(channels) -> None:
    sheet = build_referral([service()], "en", TODAY, channels, name_line=False)
    assert "Name:" not in text_of(sheet.html)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_unknown_documents_and_contact_point_to_120(channels, lang: str) -> None:
    sheet = build_referral([service()], lang, TODAY, channels)
    text = text_of(sheet.html)
    centre = channels["dasan-120"]["names"][lang]
    assert SHEET_TEXT[lang]["unknown_documents"].format(call_centre=centre) in text
    assert SHEET_TEXT[lang]["unknown_contact"].format(call_centre=centre) in text
    assert sheet.qr_payloads == {"test-service": "tel:120"}


def test_documents_and_contacts_are_listed_when_given(channels) -> None:
    record = service(
        documents=[{"ko": "신분증", "en": "ID card"}, {"ko": "통장 사본", "en": "Bankbook copy"}],
        contacts=[{"kind": "phone", "value": "02-2133-0000", "label": {"ko": "담당 부서", "en": "Office"}}],
        channels=[
            {"id": "community-centre", "kind": "place", "value": None, "names": {"ko": "동 주민센터"}},
            {"id": "dasan-120", "kind": "phone", "value": "120", "names": channels["dasan-120"]["names"]},
        ],
    )
    text = text_of(build_referral([record], "en", TODAY, channels).html)
    assert "ID card" in text and "Bankbook copy" in text
    assert "Office: 02-2133-0000" in text
    assert "120 Dasan Call Center" in text
    assert "[ko] 동 주민센터" in text  # a missing English name falls back visibly
    assert "do not list the documents" not in text and "give no contact" not in text


def test_the_call_centre_comes_from_its_channel_record(channels) -> None:
    moved = {**channels, "dasan-120": {**channels["dasan-120"], "value": "02-120-0120"}}
    sheet = build_referral([service()], "en", TODAY, moved)
    assert sheet.qr_payloads["test-service"] == "tel:02-120-0120"
    assert "120 Dasan Call Center (02-120-0120)" in text_of(sheet.html)
    assert "120 Dasan Call Center (02-120-0120)" in sheet.footer


def test_hostile_text_is_escaped(channels) -> None:
    hostile = '<script>alert("x")</script> & <b>bold</b>\x01'
    record = service(
        names={"ko": hostile, "en": hostile},
        how_to_apply={"ko": hostile, "en": hostile},
        contacts=[
            {"kind": "web", "value": "javascript:alert(1)", "label": {"en": "<img src=x onerror=alert(1)>"}}
        ],
    )
    sheet = build_referral([record], "en", TODAY, channels)
    body = sheet.html.split("</head>", 1)[1]
    assert "<script" not in body and "<b>bold" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body and "&amp;" in body
    assert "\x01" not in sheet.html
    assert sheet.qr_payloads["test-service"] == "tel:120"  # a web contact that is not a web address
    assert set(re.findall(r'<img src="([^"]+)"', body)) == set(sheet.images) == {"qr-1.png"}


@pytest.mark.parametrize(
    ("contacts", "service_channels", "expected"),
    [
        (  # web beats phone, wherever each is
            [{"kind": "phone", "value": "02-120-0000"}],
            [{"kind": "web", "value": "http://eungdapso.seoul.go.kr/"}],
            "http://eungdapso.seoul.go.kr/",
        ),
        ([{"kind": "phone", "value": "02 2133 0000"}], [], "tel:0221330000"),
        ([{"kind": "place", "value": "City Hall"}, {"kind": "app", "value": "Seoul Bike"}], [], "tel:120"),
        ([{"kind": "web", "value": "not a url"}, {"kind": "phone", "value": "119"}], [], "tel:119"),
        ([], [{"kind": "phone", "value": "120"}], "tel:120"),
    ],
)
def test_qr_holds_the_best_contact(channels, contacts, service_channels, expected: str) -> None:
    assert qr_payload(service(contacts=contacts, channels=service_channels), channels) == expected


def test_real_services_qr_payloads(catalogue: Catalogue, channels) -> None:
    ids = ("zero-pay", "safety-sinmungo", "smart-video-rescue")
    sheet = build_referral([catalogue.get_service(i) for i in ids], "ko", TODAY, channels)
    assert sheet.qr_payloads == {
        "zero-pay": "tel:120",
        "safety-sinmungo": "http://eungdapso.seoul.go.kr/",
        "smart-video-rescue": "tel:119",
    }
    text = text_of(sheet.html)
    assert "http://eungdapso.seoul.go.kr/" in text and "119" in text  # the QR's target is printed too


def test_qr_codes_are_full_size_png_qr_codes(channels) -> None:
    sheet = build_referral([service(), service(id="b")], "ko", TODAY, channels)
    assert sorted(sheet.images) == ["qr-1.png", "qr-2.png"]
    for data in sheet.images.values():
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        assert width == height
        modules = width // QR_SCALE - 8  # a 4-module quiet zone on each side
        assert modules >= 21 and (modules - 21) % 4 == 0  # a full QR code (a Micro QR is 11-17)
        assert 200 <= width <= 1000


def test_source_dates_in_words() -> None:
    assert format_as_of("2019", "ko") == "2019년" and format_as_of("2019", "en") == "2019"
    assert format_as_of("2019-04", "ko") == "2019년 4월" and format_as_of("2019-04", "en") == "April 2019"
    assert format_as_of("2019-04-01", "en") == "April 1, 2019"
    assert format_as_of("sometime", "en") == "sometime"
    assert format_as_of("2019-13", "en") == "2019-13"


def test_channels_are_read_from_the_catalogue(channels) -> None:
    assert channels["dasan-120"]["kind"] == "phone"
    assert channels["dasan-120"]["value"] == "120"
    assert channels["dasan-120"]["names"]["ko"] == "120 다산콜센터"


def test_bad_requests_are_refused(channels) -> None:
    with pytest.raises(ValueError, match="language"):
        build_referral([service()], "ja", TODAY, channels)
    with pytest.raises(ValueError, match="at least one"):
        build_referral([], "ko", TODAY, channels)
