"""The catalogue as Open Referral HSDS 3.0 objects (Human Services Data Specification).

HSDS 3 publishes JSON first (the tabular data package is optional), shaped as its API answers:
`explorer.core.hsds_files` writes the objects made here as one file per endpoint and object
(`services/<id>.json`, a paginated `services.json`, ...).

How the catalogue maps (README "Open data" says the same to users):

- one export is in one language (`lang`, Korean by default): `name`, `description`, ... in it, and
  the name in the other language as `alternate_name`;
- `status`: running today (running, renamed, changed) is "active", ended or never started is
  "defunct", not known today is "inactive" with an `alert` saying so and pointing to 120 (HSDS has
  no "unknown"); `assured_date` is the day the state today was checked;
- organizations: the Seoul Metropolitan Government and, under it, the departments the 2019 strategy
  names for each action; a service belongs to the first department of its first action, else to the
  city. Who runs it today may differ (a `current-fact` attribute says so where a source does);
- programs: the Resilient Seoul programmes;
- phones: the service's own numbers and the numbers of its channels (120); contacts: the channels
  and the places, apps and websites the sources name (their value as an attribute);
- categories and audiences are taxonomy terms; every source, the state today and each fact today
  with its public source are attributes of the `provenance` taxonomy.

Nothing is made up: a fact the catalogue lacks stays absent (no address, hours, URL or e-mail).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.core import current as today
from explorer.core.catalog import Catalogue
from explorer.core.hsds_terms import (
    Text,
    attribute,
    label_term,
    other_language,
    provenance_term,
    taxonomy,
    text_in,
    uid,
)
from explorer.core.i18n import N_, localizer_for
from explorer.core.strategy import read_strategy

HSDS_VERSION = "3.0"
#: Where the HSDS 3.0 API's OpenAPI description is published (the `/` answer points to it).
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
#: The HSDS status of each state today (HSDS has no "unknown").
STATUS_TODAY = {
    today.RUNNING: "active",
    today.RENAMED: "active",
    today.CHANGED: "active",
    today.ENDED: "defunct",
    today.NEVER_STARTED: "defunct",
    today.UNKNOWN: "inactive",
}
#: The city's name (the export's top organization), in the catalogues.
CITY = N_("Seoul Metropolitan Government")


@dataclass
class Export:
    """Everything one export holds, as HSDS objects."""

    lang: str
    services: list[dict[str, Any]] = field(default_factory=list)
    organizations: list[dict[str, Any]] = field(default_factory=list)
    taxonomies: list[dict[str, Any]] = field(default_factory=list)
    taxonomy_terms: list[dict[str, Any]] = field(default_factory=list)


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _cite_seed(source: dict[str, Any], documents: dict[str, Text], lang: str) -> str:
    """A seed source in words: the document's title, the section and the quote."""
    title = text_in(documents.get(source["document"]), lang) or source["document"]
    section = f" — {source['section']}" if source.get("section") else ""
    return f"{title}{section}: “{source['quote']}”"


def _cite(source: dict[str, Any], documents: dict[str, Text], lang: str) -> str:
    """A seed or an outside source (publisher, title, date, link, quote) in words."""
    if "url" not in source:
        return _cite_seed(source, documents, lang)
    when = today.format_date(source.get("published"), lang)
    return f"{source['publisher']}, “{source['title']}”, {when}, {source['url']}: “{source['quote']}”"


class _Mapper:
    """Maps one catalogue into HSDS objects in one language."""

    def __init__(self, catalogue: Catalogue, lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang
        self.words = localizer_for(lang)
        self.documents = catalogue.documents()
        self.labels = {table: catalogue.labels(table) for table in ("categories", "audiences")}
        self.strategy = read_strategy(catalogue)
        self.city_id = uid("organization", "seoul")
        self.channel_sources = catalogue.channel_sources()
        self.terms: dict[str, dict[str, Any]] = {}

    # --- small builders ---------------------------------------------------------------------

    def t(self, texts: Text | None) -> str:
        return text_in(texts, self.lang)

    def _term(self, made: dict[str, Any]) -> dict[str, Any]:
        self.terms.setdefault(made["id"], made)
        return made

    def provenance(
        self, owner_kind: str, owner_id: str, values: list[tuple[str, str]]
    ) -> list[dict[str, Any]]:
        """Attributes of the provenance taxonomy: (code, value) pairs on one owner."""
        return [
            attribute(owner_kind, owner_id, code, self._term(provenance_term(code, self.lang)), value, i)
            for i, (code, value) in enumerate(values)
            if value
        ]

    # --- organizations and programmes -------------------------------------------------------

    def departments(self) -> dict[str, dict[str, Any]]:
        """Each department the strategy names, by Korean name: its HSDS organization."""
        out: dict[str, dict[str, Any]] = {}
        for goal in self.strategy:
            for program in goal["programs"]:
                for action in program["actions"]:
                    for department in action["departments"]:
                        key = department.get("ko") or department.get("en", "")
                        org = out.setdefault(key, {"names": department, "actions": []})
                        org["actions"].append(f"{action['id']} {self.t(action['names'])}")
        return out

    def organization_of(self, service: dict[str, Any]) -> str:
        for action in service["strategy"]["actions"]:
            for department in self._action_departments(action["id"]):
                return uid("organization", department.get("ko") or department.get("en", ""))
        return self.city_id

    def _action_departments(self, action_id: str) -> list[Text]:
        for goal in self.strategy:
            for program in goal["programs"]:
                for action in program["actions"]:
                    if action["id"] == action_id:
                        return list(action["departments"])
        return []

    def programs(self) -> list[dict[str, Any]]:
        """The Resilient Seoul programmes as HSDS programs of the city."""
        out = []
        for goal in self.strategy:
            for program in goal["programs"]:
                pid = uid("program", str(program["number"]))
                out.append(
                    {
                        "id": pid,
                        "organization_id": self.city_id,
                        "name": self.t(program["names"]),
                        "alternate_name": program["names"].get(other_language(self.lang), ""),
                        "description": self.t(program["description"]) or self.t(program["names"]),
                        "attributes": self.provenance(
                            "program",
                            pid,
                            [
                                ("source", _cite_seed(s, self.documents, self.lang))
                                for s in program["sources"]
                            ],
                        ),
                    }
                )
        return out

    def organizations(self) -> list[dict[str, Any]]:
        """The city (with its programmes) and its departments."""
        other = other_language(self.lang)
        city = {
            "id": self.city_id,
            "name": self.words.gettext(CITY),
            "alternate_name": localizer_for(other).gettext(CITY),
            "description": self.words.gettext(
                "The city government of Seoul. The catalogue's services come from its 2019 Resilient Seoul"
                " strategy and other city documents; some are run by another body today (see each service's"
                " facts today)."
            ),
            "programs": self.programs(),
        }
        orgs = [city]
        for key, department in self.departments().items():
            oid = uid("organization", key)
            orgs.append(
                {
                    "id": oid,
                    "name": self.t(department["names"]),
                    "alternate_name": department["names"].get(other, ""),
                    "description": self.words.gettext(
                        "A department of the Seoul Metropolitan Government, named in the 2019 Resilient"
                        " Seoul strategy for: {actions}"
                    ).format(actions="; ".join(department["actions"])),
                    "parent_organization_id": self.city_id,
                }
            )
        return [{k: v for k, v in org.items() if v not in ("", None)} for org in orgs]

    # --- one service --------------------------------------------------------------------------

    def _phone(self, owner: str, number: str, label: str, source: str, key: str) -> dict[str, Any]:
        pid = uid("phone", owner, key)
        phone: dict[str, Any] = {"id": pid, "service_id": owner, "number": number}
        if label:
            phone["description"] = label
        attributes = self.provenance("phone", pid, [("source", source)])
        if attributes:
            phone["attributes"] = attributes
        return phone

    def reach(self, sid: str, service: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The service's phones and contacts: its own (with their sources), then its channels'."""
        phones: list[dict[str, Any]] = []
        contacts: list[dict[str, Any]] = []
        for i, contact in enumerate(service["contacts"]):
            label = self.t(contact.get("label"))
            source = _cite(contact["source"], self.documents, self.lang) if contact.get("source") else ""
            if contact["kind"] == "phone":
                phones.append(self._phone(sid, contact["value"], label, source, f"contact-{i}"))
                continue
            cid = uid("contact", sid, f"contact-{i}")
            code = {"web": "web-address", "app": "app", "place": "place"}.get(contact["kind"], "place")
            contacts.append(
                {
                    "id": cid,
                    "service_id": sid,
                    "name": label or contact["value"],
                    "attributes": self.provenance(
                        "contact", cid, [(code, contact["value"]), ("source", source)]
                    ),
                }
            )
        for channel in service["channels"]:
            cid = uid("contact", sid, "channel", channel["id"])
            cited = [
                _cite_seed(s, self.documents, self.lang) for s in self.channel_sources.get(channel["id"], [])
            ]
            entry: dict[str, Any] = {"id": cid, "service_id": sid, "name": self.t(channel["names"])}
            values = [("source", c) for c in cited]
            if channel["kind"] == "phone" and channel["value"]:
                phone = self._phone(
                    sid, channel["value"], self.t(channel["names"]), "", f"channel-{channel['id']}"
                )
                phone["contact_id"] = cid
                phones.append(phone)
                entry["phones"] = [phone]
            elif channel["kind"] == "web" and channel["value"]:
                values.insert(0, ("web-address", channel["value"]))
            entry["attributes"] = self.provenance("contact", cid, values)
            contacts.append(entry)
        return phones, contacts

    def service_attributes(self, sid: str, service: dict[str, Any]) -> list[dict[str, Any]]:
        """Categories and audiences (terms), then the provenance: id, history, today, sources."""
        out = []
        for link_type, table in (("category", "categories"), ("audience", "audiences")):
            for i, code in enumerate(service[table]):
                made = self._term(label_term(table, code, self.labels[table].get(code, {}), self.lang))
                out.append(
                    attribute("service", sid, link_type, made, self.t(self.labels[table].get(code)), i)
                )
        record = service["current"] or {}
        values: list[tuple[str, str]] = [
            ("catalogue-id", service["id"]),
            ("current-state", today.state_of(service["current"])),
            ("current-checked", record.get("checked") or ""),
            ("current-since", record.get("since") or ""),
        ]
        values += [("current-fact", line) for line in self._fact_lines(record)]
        values.append(("seed-record", f"{service['status']} ({service['as_of']})"))
        if service["seed_names"] != service["names"]:
            values.append(("former-name", self.t(service["seed_names"])))
        for action in service["strategy"]["actions"]:
            program = action["program"]
            values.append(
                ("strategy-action", f"{action['id']}: {self.t(action['names'])} ({self.t(program['names'])})")
            )
            values += [("department", self.t(d)) for d in self._action_departments(action["id"])]
        for figure in service["figures"]:
            cited = _cite(figure["source"], self.documents, self.lang) if figure.get("source") else ""
            values.append(("figure", f"{self.t(figure['label'])}: {figure['value']} ({cited})"))
        values += [("note", self.t(note)) for note in service["notes"]]
        values += [("source", _cite_seed(s, self.documents, self.lang)) for s in service["sources"]]
        return out + self.provenance("service", sid, values)

    def _fact_lines(self, record: dict[str, Any]) -> list[str]:
        out = []
        for fact in record.get("facts", []):
            out.append(f"{self.t(fact['text'])} ({_cite(fact['source'], self.documents, self.lang)})")
        return out

    def service(
        self, service_id: str, organizations: dict[str, dict[str, Any]], programs: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        """One service, fully nested (the `/services/{id}` answer)."""
        service = self.catalogue.get_service(service_id)
        sid = uid("service", service_id)
        record = service["current"]
        state = today.state_of(record)
        line = today.line(record, service["as_of"])[self.lang]
        facts = [self.t(f["text"]) for f in (record or {}).get("facts", [])]
        heading = self.words.gettext("Today")
        now = f"{heading}: {line}" + "".join(f"\n- {fact}" for fact in facts)
        benefits = self.t(service["benefits"])
        what_you_get = self.words.pgettext("a heading in the open data export", "What you get")
        out: dict[str, Any] = {
            "id": sid,
            "organization_id": self.organization_of(service),
            "name": self.t(service["names"]),
            "alternate_name": service["names"].get(other_language(self.lang), ""),
            "description": _paragraphs(
                now,
                self.t(service["summary"]),
                self.t(service["description"]),
                f"{what_you_get}: {benefits}" if benefits else "",
            ),
            "status": STATUS_TODAY.get(state, "inactive"),
            "application_process": self.t(service["how_to_apply"]),
            "fees_description": self.t(service["fees"]),
            "eligibility_description": self.t(service["eligibility"]),
            "alert": line if state not in (today.RUNNING, today.RENAMED) else "",
            "assured_date": (record or {}).get("checked") or "",
        }
        actions = service["strategy"]["actions"]
        if actions:
            out["program_id"] = uid("program", str(actions[0]["program"]["number"]))
        phones, contacts = self.reach(sid, service)
        out["phones"] = phones
        out["schedules"] = [
            {"id": uid("schedule", sid, str(i)), "service_id": sid, "description": self.t(text)}
            for i, text in enumerate(service["schedules"])
        ]
        out["required_documents"] = [
            {"id": uid("required_document", sid, str(i)), "service_id": sid, "document": self.t(text)}
            for i, text in enumerate(service["documents"])
        ]
        out["contacts"] = contacts
        out["attributes"] = self.service_attributes(sid, service)
        out["organization"] = organizations[out["organization_id"]]
        if "program_id" in out:
            out["program"] = programs[out["program_id"]]
        return {k: v for k, v in out.items() if v not in ("", None, [])}


def build_export(catalogue: Catalogue, lang: str) -> Export:
    """Every service, organization, taxonomy and term of the catalogue as HSDS 3.0 objects in `lang`."""
    mapper = _Mapper(catalogue, lang)
    organizations = mapper.organizations()
    flat = {org["id"]: {k: v for k, v in org.items() if k != "programs"} for org in organizations}
    programs = {program["id"]: program for program in organizations[0]["programs"]}
    export = Export(lang=lang, organizations=organizations)
    export.services = [mapper.service(sid, flat, programs) for sid in catalogue.service_ids()]
    export.taxonomies = [taxonomy(key, lang) for key in ("categories", "audiences", "provenance")]
    details = {item["id"]: item for item in export.taxonomies}
    export.taxonomy_terms = [
        {**made, "taxonomy_detail": details[made["taxonomy_id"]]} for made in mapper.terms.values()
    ]
    return export


def listed(obj: dict[str, Any]) -> dict[str, Any]:
    """An object as lists show it: only its own (non-nested) values."""
    return {k: v for k, v in obj.items() if not isinstance(v, (list, dict))}
