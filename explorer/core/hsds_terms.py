"""The taxonomies of the HSDS export: the catalogue's categories and audiences, and the provenance
terms that carry every fact's source (HSDS 3 has no field for a source, so sources are attributes).

Identifiers are UUIDs (HSDS 3 requires them) made from the catalogue's own ids with uuid5 in one
fixed namespace, so the same service has the same identifier in every export.
"""

from __future__ import annotations

import uuid
from typing import Any

Text = dict[str, str]

#: The namespace of every identifier the export makes (uuid5 of a fixed name; never change it).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:seoul-services-explorer:hsds")


def uid(*parts: str) -> str:
    """The stable UUID of a thing named by its kind and the catalogue's own id(s)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def other_language(lang: str) -> str:
    """The catalogue's other language: the one that goes to `alternate_name`."""
    return "en" if lang == "ko" else "ko"


def text_in(texts: Text | None, lang: str) -> str:
    """A catalogue text in `lang`, else in the other language; "" when there is none."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get(other_language(lang)) or ""


#: The export's taxonomies: key -> (name, description), each in both languages.
TAXONOMIES: dict[str, tuple[Text, Text]] = {
    "categories": (
        {"ko": "서울 서비스 탐색기 분야", "en": "Seoul Services Explorer categories"},
        {
            "ko": "서울 서비스 탐색기 목록의 서비스 분야(돌봄, 안전, 주거 등)입니다.",
            "en": "The kinds of service in the Seoul Services Explorer catalogue (care, safety, housing).",
        },
    ),
    "audiences": (
        {"ko": "서울 서비스 탐색기 대상", "en": "Seoul Services Explorer audiences"},
        {
            "ko": "서비스를 받는 사람(어르신, 청년, 소상공인 등)입니다.",
            "en": "Who a service is for (older people, young people, small-business owners, ...).",
        },
    ),
    "provenance": (
        {
            "ko": "서울 서비스 탐색기 출처와 현재 상태",
            "en": "Seoul Services Explorer sources and state today",
        },
        {
            "ko": "모든 사실의 출처(원문 문서, 제목, 인용)와 각 서비스의 지금 상태(공개 출처와 날짜)를 담는"
            " 속성입니다. 값은 사람이 읽는 글입니다.",
            "en": "Attributes that carry the source of every fact (document, section, quote) and each"
            " service's state today (with dated public sources). Values are text for people.",
        },
    ),
}

#: The provenance terms: code -> (name, description).
PROVENANCE_TERMS: dict[str, tuple[Text, Text]] = {
    "catalogue-id": (
        {"ko": "목록 ID", "en": "Catalogue id"},
        {
            "ko": "서울 서비스 탐색기 목록에서 쓰는 ID (`explorer show ID`).",
            "en": "The id in the Seoul Services Explorer catalogue (`explorer show ID`).",
        },
    ),
    "source": (
        {"ko": "출처", "en": "Source"},
        {
            "ko": "이 기록의 근거 문서: 문서 제목, 장, 원문 인용.",
            "en": "A document this record rests on: its title, section and a verbatim quote.",
        },
    ),
    "seed-record": (
        {"ko": "원래 기록의 상태", "en": "Status in the original sources"},
        {
            "ko": "원문 문서(2019년 전략 등)가 말한 상태와 그 날짜: 역사입니다.",
            "en": "The status the original documents (the 2019 strategy and others) gave, and its"
            " date: the history.",
        },
    ),
    "former-name": (
        {"ko": "원래 이름", "en": "Former name"},
        {"ko": "원문 문서에 나온 이름 (지금은 다른 이름).", "en": "The name in the original documents."},
    ),
    "current-state": (
        {"ko": "지금 상태", "en": "State today"},
        {
            "ko": "지금 상태: running, renamed, changed, ended, never_started, unknown 가운데 하나.",
            "en": "The state today: one of running, renamed, changed, ended, never_started, unknown.",
        },
    ),
    "current-checked": (
        {"ko": "지금 상태 확인 날짜", "en": "State today checked on"},
        {"ko": "지금 상태를 공개 출처로 확인한 날짜.", "en": "The date the state today was checked."},
    ),
    "current-since": (
        {"ko": "지금 상태가 된 때", "en": "State today since"},
        {"ko": "지금 상태가 시작된 때 (출처가 말할 때).", "en": "When the state today began (where known)."},
    ),
    "current-fact": (
        {"ko": "지금의 사실", "en": "Fact today"},
        {
            "ko": "서비스의 지금 모습에 대한 사실과 그 공개 출처(발행처, 제목, 날짜, 주소, 인용).",
            "en": "A fact about the service today with its public source (publisher, title, date,"
            " link, quote).",
        },
    ),
    "figure": (
        {"ko": "숫자", "en": "Figure"},
        {"ko": "출처에 나온 숫자 (목표, 수 등).", "en": "A number a source gives (a target, a count)."},
    ),
    "note": (
        {"ko": "주의", "en": "Note"},
        {
            "ko": "기록에 대한 주의 사항 (출처의 숫자가 이상해 보일 때 등).",
            "en": "A caveat about the record (a number in a source that looks wrong, ...).",
        },
    ),
    "strategy-action": (
        {"ko": "회복력 있는 서울 과제", "en": "Resilient Seoul action"},
        {
            "ko": "이 서비스를 담은 '회복력 있는 서울'(2019) 전략의 과제.",
            "en": "The action of the Resilient Seoul strategy (2019) that delivers this service.",
        },
    ),
    "department": (
        {"ko": "담당 부서 (2019)", "en": "Responsible department (2019)"},
        {
            "ko": "2019년 전략이 이 서비스의 과제에 적은 서울시 부서.",
            "en": "A department of the Seoul Metropolitan Government the 2019 strategy names for the"
            " service's action.",
        },
    ),
    "web-address": (
        {"ko": "웹 주소", "en": "Web address"},
        {"ko": "출처에 나온 웹사이트 주소.", "en": "A website address a source gives."},
    ),
    "app": (
        {"ko": "앱", "en": "App"},
        {"ko": "출처에 나온 모바일 앱 이름.", "en": "The name of a mobile app a source gives."},
    ),
    "place": (
        {"ko": "장소", "en": "Place"},
        {"ko": "출처에 나온 장소 (주소는 알 수 없음).", "en": "A place a source names (no address known)."},
    ),
}


def taxonomy(key: str, lang: str) -> dict[str, Any]:
    """The HSDS taxonomy object of one of the export's taxonomies."""
    name, description = TAXONOMIES[key]
    return {
        "id": uid("taxonomy", key),
        "name": name[lang],
        "description": description[lang],
        "version": "1",
    }


def term(key: str, code: str, name: Text, description: Text, lang: str) -> dict[str, Any]:
    """An HSDS taxonomy_term of taxonomy `key` (the `/taxonomy_terms` answer adds `taxonomy_detail`)."""
    return {
        "id": uid("taxonomy_term", key, code),
        "code": code,
        "name": text_in(name, lang),
        "description": text_in(description, lang),
        "taxonomy": TAXONOMIES[key][0][lang],
        "taxonomy_id": uid("taxonomy", key),
        "language": lang,
    }


def provenance_term(code: str, lang: str) -> dict[str, Any]:
    """One of the provenance terms (`PROVENANCE_TERMS`)."""
    name, description = PROVENANCE_TERMS[code]
    return term("provenance", code, name, description, lang)


def label_term(table: str, code: str, label: Text, lang: str) -> dict[str, Any]:
    """A category or audience as a term; its description gives the label in both languages."""
    other = other_language(lang)
    both = f"{text_in(label, lang)} ({label[other]})" if label.get(other) else text_in(label, lang)
    return term(table, code, label, {lang: both}, lang)


def attribute(
    owner_kind: str, owner_id: str, link_type: str, taxonomy_term: dict[str, Any], value: str, position: int
) -> dict[str, Any]:
    """An HSDS attribute linking `taxonomy_term` (and a value) to the owner (a service, a phone...)."""
    return {
        "id": uid("attribute", owner_kind, owner_id, link_type, str(position)),
        "link_id": owner_id,
        "link_type": link_type,
        "link_entity": owner_kind,
        "taxonomy_term_id": taxonomy_term["id"],
        "taxonomy_term": taxonomy_term,
        "value": value,
    }
