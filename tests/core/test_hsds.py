"""The HSDS 3.0 export of the real catalogue, validated against the published HSDS 3.0 JSON schemas
(vendored in tests/data/hsds3, strict as the specification's own checks: no field HSDS lacks)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.errors import ExplorerError
from explorer.core.hsds import Export, build_export
from explorer.core.hsds_files import write_export
from tests.conftest import ROOT

SCHEMAS = ROOT / "tests" / "data" / "hsds3" / "schema"
#: Where HSDS 3.0 publishes its schemas: the base their `"$ref": "phone.json"` resolve against.
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _strict(node: Any) -> Any:
    """The schema with `additionalProperties: false` on every object, as the spec's own
    validate_examples_json_schema.sh makes it (compiletojsonschema
    --set-additional-properties-false-everywhere)."""
    if isinstance(node, dict):
        out = {key: _strict(value) for key, value in node.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        if path.name == "openapi.json":
            continue
        contents = _strict(_schema(path.name))
        resources.append(
            (BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    # The API's `/organizations/{id}` nests the organization's services (compiled/organization.json).
    organization = _strict(_schema("organization.json"))
    organization["properties"]["services"] = {"type": "array", "items": {"$ref": "service.json"}}
    resources.append(
        (
            BASE + "organization_full.json",
            Resource.from_contents(organization, default_specification=DRAFT202012),
        )
    )
    page = _strict(_schema("openapi.json")["components"]["schemas"]["Page"])
    page["properties"]["contents"] = {"type": "array"}
    page["required"] = list(page["properties"])
    resources.append((BASE + "page.json", Resource.from_contents(page, default_specification=DRAFT202012)))
    root = _schema("openapi.json")["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    resources.append((BASE + "root.json", Resource.from_contents(_strict(root["schema"]), DRAFT202012)))
    return Registry().with_resources(resources)


def validator(registry: Registry, name: str, items: str | None = None) -> Draft202012Validator:
    """A validator of one HSDS schema (by file name); `items` also checks a page's contents."""
    schema: dict[str, Any] = {"$ref": BASE + name}
    if items:
        schema = {"allOf": [schema, {"properties": {"contents": {"items": {"$ref": BASE + items}}}}]}
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def catalogue(built_db: Path) -> Catalogue:
    with open_catalogue(built_db) as opened:
        yield opened


@pytest.fixture(scope="module")
def export_ko(catalogue: Catalogue) -> Export:
    return build_export(catalogue, "ko")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, export_ko: Export) -> Path:
    target = tmp_path_factory.mktemp("hsds") / "export"
    write_export(export_ko, target)
    return target


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _errors(check: Draft202012Validator, value: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(value)][:5]


def test_every_file_is_valid_hsds_3(folder: Path, registry: Registry) -> None:
    checks = {
        "services": validator(registry, "service.json"),
        "organizations": validator(registry, "organization_full.json"),
        "taxonomies": validator(registry, "taxonomy.json"),
        "taxonomy_terms": validator(registry, "taxonomy_term.json"),
    }
    pages = {
        "services": "service.json",
        "organizations": "organization.json",
        "taxonomies": "taxonomy.json",
        "taxonomy_terms": "taxonomy_term.json",
    }
    checked = 0
    for endpoint, check in checks.items():
        for path in sorted((folder / endpoint).glob("*.json")):
            assert not (errors := _errors(check, _load(path))), f"{path.name}: {errors}"
            checked += 1
        listing = _load(folder / f"{endpoint}.json")
        assert not (errors := _errors(validator(registry, "page.json", pages[endpoint]), listing)), errors
        assert listing["total_items"] == len(listing["contents"]) == len(list((folder / endpoint).iterdir()))
    index = _load(folder / "index.json")
    assert not _errors(validator(registry, "root.json"), index)
    assert index["version"] == "3.0"
    assert checked > len(list((folder / "services").iterdir()))


def test_the_validation_is_strict_enough_to_catch_mistakes(folder: Path, registry: Registry) -> None:
    check = validator(registry, "service.json")
    service = next(_load(path) for path in (folder / "services").glob("*.json"))
    for broken in (
        {**service, "website": "https://example.org"},  # no such field in HSDS 3.0
        {**service, "id": "zero-pay"},  # identifiers are UUIDs
        {**service, "status": "unknown"},  # not one of HSDS's statuses
        {k: v for k, v in service.items() if k != "name"},
    ):
        with pytest.raises(ValidationError):
            check.validate(broken)
    nested = copy.deepcopy(service)
    nested["phones"] = [{"id": service["id"], "number": "120", "fax": "no"}]
    with pytest.raises(ValidationError):
        check.validate(nested)


def _by_catalogue_id(export: Export) -> dict[str, dict[str, Any]]:
    out = {}
    for service in export.services:
        ids = [a["value"] for a in service["attributes"] if a["link_type"] == "catalogue-id"]
        out[ids[0]] = service
    return out


def _values(service: dict[str, Any], link_type: str) -> list[str]:
    return [a["value"] for a in service["attributes"] if a["link_type"] == link_type]


def test_zero_pay_in_korean_with_english_as_alternate_name_and_every_source(export_ko: Export) -> None:
    zero_pay = _by_catalogue_id(export_ko)["zero-pay"]
    assert zero_pay["name"] == "제로페이"
    assert zero_pay["alternate_name"] == "Zero-Pay"
    assert zero_pay["status"] == "active"  # it runs today, changed: run by a foundation since 2019
    assert "바뀌었어요" in zero_pay["alert"]
    assert [p["number"] for p in zero_pay["phones"]] == ["120"]
    assert _values(zero_pay, "current-state") == ["changed"]
    assert any(
        "한국간편결제진흥원" in fact and "https://zdnet.co.kr/" in fact
        for fact in _values(zero_pay, "current-fact")
    )
    sources = _values(zero_pay, "source")
    assert len(sources) == 4 and all("회복력 있는 서울" in s and "“" in s for s in sources)
    categories = [a for a in zero_pay["attributes"] if a["link_type"] == "category"]
    assert [a["taxonomy_term"]["code"] for a in categories] == ["payments", "business"]
    assert [a["value"] for a in categories] == ["결제·수수료", "소상공인·자영업"]
    assert zero_pay["organization"]["id"] == zero_pay["organization_id"]
    assert zero_pay["program"]["name"] == "소상공인과 자영업자"


def test_an_english_export_names_services_in_english(catalogue: Catalogue) -> None:
    zero_pay = _by_catalogue_id(build_export(catalogue, "en"))["zero-pay"]
    assert zero_pay["name"] == "Zero-Pay"
    assert zero_pay["alternate_name"] == "제로페이"
    assert zero_pay["eligibility_description"].startswith("Shops:")


def test_nothing_is_invented(catalogue: Catalogue, export_ko: Export) -> None:
    services = _by_catalogue_id(export_ko)
    assert len(services) == len(catalogue.service_ids())
    for sid, exported in services.items():
        record = catalogue.get_service(sid)
        known = {c["value"] for c in record["contacts"] if c["kind"] == "phone"}
        known |= {c["value"] for c in record["channels"] if c["kind"] == "phone"}
        assert {p["number"] for p in exported.get("phones", [])} == known, sid
        assert len(exported.get("schedules", [])) == len(record["schedules"]), sid
        for field in (
            "url",
            "email",
            "minimum_age",
            "maximum_age",
            "service_areas",
            "languages",
            "cost_options",
        ):
            assert field not in exported, (sid, field)
    # No opening hours beyond the words a source gives.
    owl_bus = services["owl-bus"]["schedules"]
    assert owl_bus == [
        {
            "id": owl_bus[0]["id"],
            "service_id": owl_bus[0]["service_id"],
            "description": owl_bus[0]["description"],
        }
    ]


def test_the_state_today_decides_the_status(export_ko: Export, catalogue: Catalogue) -> None:
    states = {sid: (state or {}).get("state") for sid, state in catalogue.current_states().items()}
    for sid, service in _by_catalogue_id(export_ko).items():
        state = states.get(sid) or "unknown"
        expected = {"ended": "defunct", "never_started": "defunct", "unknown": "inactive"}.get(
            state, "active"
        )
        assert service["status"] == expected, sid
        if state in ("ended", "unknown"):
            assert "120" in service["alert"], sid
    assert "defunct" in {s["status"] for s in export_ko.services}


def test_organizations_are_the_city_and_its_departments(export_ko: Export) -> None:
    city, *departments = export_ko.organizations
    assert city["name"] == "서울특별시" and city["alternate_name"] == "Seoul Metropolitan Government"
    assert len(city["programs"]) == 14
    assert departments and all(d["parent_organization_id"] == city["id"] for d in departments)
    ids = {o["id"] for o in export_ko.organizations}
    assert {s["organization_id"] for s in export_ko.services} <= ids


def test_identifiers_are_stable_between_exports(catalogue: Catalogue, export_ko: Export) -> None:
    again = build_export(catalogue, "ko")
    assert [s["id"] for s in again.services] == [s["id"] for s in export_ko.services]
    assert len({s["id"] for s in again.services}) == len(again.services)


def test_an_earlier_export_is_replaced_and_other_folders_are_refused(
    tmp_path: Path, export_ko: Export
) -> None:
    target = tmp_path / "out"
    write_export(export_ko, target)
    stale = target / "services" / "00000000-0000-0000-0000-000000000000.json"
    stale.write_text("{}", encoding="utf-8")
    write_export(export_ko, target)
    assert not stale.exists()
    assert len(list((target / "services").iterdir())) == len(export_ko.services)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left behind

    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ExplorerError, match="other files"):
        write_export(export_ko, other)
    assert [p.name for p in other.iterdir()] == ["holiday.jpg"]
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    with pytest.raises(ExplorerError, match="not a folder"):
        write_export(export_ko, a_file)
    assert a_file.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("marker", [None, "{}", '{"written_by": "someone else"}', "not JSON"])
def test_a_folder_of_a_persons_own_index_and_services_is_never_overwritten(
    tmp_path: Path, export_ko: Export, marker: str | None
) -> None:
    """Only a folder this program wrote (its marker says so) is replaced: a person's own files with
    the names an export uses, or an export whose marker is missing or not ours, are kept."""
    mine = tmp_path / "my-directory"
    (mine / "services").mkdir(parents=True)
    own = {"index.json": '{"mine": true}', "services.json": "[1, 2, 3]", "services/a.json": "{}"}
    if marker is not None:
        own[".explorer-export.json"] = marker
    for name, text in own.items():
        (mine / name).write_text(text, encoding="utf-8")
    with pytest.raises(ExplorerError, match="holds other files; give an empty or new folder"):
        write_export(export_ko, mine)
    assert {str(p.relative_to(mine)): p.read_text(encoding="utf-8") for p in mine.rglob("*.json")} == own
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-directory"]  # nothing left over
