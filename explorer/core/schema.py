"""The catalogue's SQLite schema, as sqlite-utils migrations.

The catalogue is rebuilt from the sources rather than upgraded in place, but its schema still grows
by numbered migrations so that every change is a reviewable step and the file records which
version made it (`PRAGMA user_version` and the `meta` table). Add a migration to change the schema
and raise `SCHEMA_VERSION` (schema_version.py) by one.

Text in several languages is stored as a JSON object (`{"ko": ..., "en": ...}`); lists as JSON
arrays. Tables follow Open Referral HSDS 3 where it has a name for the thing (service, phone,
schedule, required_document, cost_option, taxonomy, attribute).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from explorer.core.schema_version import APPLICATION_ID, SCHEMA_VERSION

migrations = Migrations("seoul-services-explorer")


@migrations()
def m001_catalogue(db: Database) -> None:
    """The first schema: reference data, the strategy, services and their parts, sources, FTS."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create({"id": str, "year": int, "title": str}, pk="id")
    db["categories"].create({"id": str, "label": str, "easy_tile": str, "position": int}, pk="id")
    db["audiences"].create({"id": str, "label": str, "position": int}, pk="id")
    db["tiles"].create({"id": str, "label": str, "position": int}, pk="id")
    db["channels"].create({"id": str, "kind": str, "value": str, "name": str, "description": str}, pk="id")
    db["goals"].create({"number": int, "name": str, "description": str}, pk="number")
    db["programs"].create(
        {"number": int, "goal": int, "name": str, "description": str},
        pk="number",
        foreign_keys=[("goal", "goals", "number")],
    )
    db["actions"].create(
        {
            "id": str,
            "program": int,
            "kind": str,
            "number": int,
            "position": int,
            "name": str,
            "period_start": int,
            "period_end": int,
            "budget_krw": int,
            "budget_text": str,
            "shocks_stresses": str,
            "resilience_goal": str,
            "explanation": str,
            "departments": str,
            "partners": str,
            "initiatives": str,
            "notes": str,
        },
        pk="id",
        foreign_keys=[("program", "programs", "number")],
    )
    db["services"].create(
        {
            "id": str,
            "position": int,
            "status": str,
            "as_of": str,
            "start_year": int,
            "end_year": int,
            "outside_strategy": int,
            "name": str,
            "alt_names": str,
            "keywords": str,
            "summary": str,
            "description": str,
            "eligibility": str,
            "benefits": str,
            "how_to_apply": str,
            "fees": str,
            "notes": str,
        },
        pk="id",
    )
    for table, other, column in (
        ("service_categories", "categories", "category_id"),
        ("service_audiences", "audiences", "audience_id"),
        ("service_actions", "actions", "action_id"),
        ("service_channels", "channels", "channel_id"),
        ("service_related", "services", "related_id"),
    ):
        db[table].create(
            {"service_id": str, column: str, "position": int},
            pk=("service_id", column),
            foreign_keys=[("service_id", "services", "id"), (column, other, "id")],
        )
    for table, columns in (
        ("required_documents", {"text": str}),
        ("schedules", {"text": str}),
        ("contacts", {"kind": str, "value": str, "label": str, "source": str}),
        ("figures", {"value": str, "label": str, "source": str}),
    ):
        db[table].create(
            {"service_id": str, "position": int, **columns},
            pk=("service_id", "position"),
            foreign_keys=[("service_id", "services", "id")],
        )
    db["sources"].create(
        {
            "owner_type": str,
            "owner_id": str,
            "position": int,
            "document": str,
            "section": str,
            "quote": str,
        },
        pk=("owner_type", "owner_id", "position"),
        foreign_keys=[("document", "documents", "id")],
    )
    db["sources"].create_index(["owner_type", "owner_id"])
    db.execute(
        "CREATE VIRTUAL TABLE services_fts USING fts5("
        "service_id UNINDEXED, lang UNINDEXED, name, alt_names, keywords, summary, description,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )


@migrations()
def m002_search_index(db: Database) -> None:
    """The Korean-aware search index: grams of names, keywords and text, initials, romanization, jamo.

    Each column holds tokens made by explorer.core.textnorm (the query is made the same way);
    the porter stemmer folds English endings, and leaves Hangul alone.
    """
    db.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "service_id UNINDEXED, names, keywords, body, cho, roman, jamo,"
        " tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    # What the ranking pass compares, precomputed per service (JSON list of textnorm.search_entry).
    db["search_docs"].create(
        {"service_id": str, "entries": str}, pk="service_id", foreign_keys=[("service_id", "services", "id")]
    )


@migrations()
def m003_screening(db: Database) -> None:
    """Screening rules per service (JSON list of paths) and dated parameters (the median income)."""
    db["screening"].create(
        {"service_id": str, "paths": str}, pk="service_id", foreign_keys=[("service_id", "services", "id")]
    )
    db["parameters"].create({"name": str, "value": str}, pk="name")


@migrations()
def m004_search_vocabulary(db: Database) -> None:
    """The distinct Hangul words of names and keywords, indexed by jamo trigrams, for typo correction.

    A typo is looked up here (a few thousand words, however many services there are), then the
    corrected words are searched as usual.
    """
    db.execute("CREATE VIRTUAL TABLE search_vocab USING fts5(word UNINDEXED, jamo, tokenize = 'unicode61')")


@migrations()
def m005_current_state(db: Database) -> None:
    """What each service is today, apart from the seed-based record, with its outside sources.

    Outside sources are documents too: `kind` is "seed" or "outside"; an outside one has its
    publisher, date and link (its id is "outside:" and a hash of the link).
    """
    db["current_state"].create(
        {
            "service_id": str,
            "state": str,
            "checked": str,
            "since": str,
            "name": str,
            "alt_names": str,
            "facts": str,
        },
        pk="service_id",
        foreign_keys=[("service_id", "services", "id")],
    )
    for column in ("kind", "publisher", "published", "url"):
        db["documents"].add_column(column, str)
    # A service is listed by the name it has today; the name in its seed sources is kept beside it.
    db["services"].add_column("seed_name", str)


def create_schema(db: Database) -> None:
    """Apply every migration to a new database and record the schema version and the program's
    application id in it (both in the file header)."""
    migrations.apply(db)
    applied = len(migrations.applied(db))
    if applied != SCHEMA_VERSION:
        raise RuntimeError(f"SCHEMA_VERSION is {SCHEMA_VERSION} but {applied} migrations exist")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
