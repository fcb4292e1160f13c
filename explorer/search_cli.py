"""`explorer search QUERY`: services found by any words, Korean or English, ranked; `--category`
and `--audience` take ids of the catalogue's taxonomy, which `--help` lists and an unknown value is
refused with (exit 2).
"""

from __future__ import annotations

from typing import Any

import click

from explorer.cli import LANG_OPTION, Context, _dump, echo, guarded, pass_context
from explorer.cli_help import LocalizedCommand
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.limits import excerpt, read_limited
from explorer.core.paths import Paths
from explorer.core.problems import N_
from explorer.core.statuses import SERVICE_STATUSES


def _taxonomy_ids(ctx: click.Context | None, table: str) -> list[str]:
    """The ids of `table` ("categories" or "audiences") for --help: from the catalogue when it can
    be opened (never built for this), else from db/taxonomy.toml in a checkout, else none."""
    context = ctx.find_object(Context) if ctx is not None else None
    try:
        paths = context.paths if context is not None else Paths.discover()
    except Exception:
        return []
    try:
        if paths.catalogue.is_file():
            from explorer.core.catalog import open_catalogue

            with open_catalogue(paths.catalogue) as catalogue:
                return list(catalogue.labels(table))
    except Exception:
        pass  # a damaged catalogue: try the sources
    try:
        import tomllib

        taxonomy = paths.sources / "taxonomy.toml"
        if taxonomy.is_file():
            data = tomllib.loads(read_limited(taxonomy, 1_000_000, "the taxonomy").decode("utf-8"))
            return [str(entry["id"]) for entry in data.get(table, [])]
    except Exception:
        pass
    return []


class TaxonomyOption(click.Option):
    """An option whose value is a category or audience id; --help lists the valid ids, read only
    when help is shown (from the catalogue, so the packaged program without db/ lists them too).
    The value itself is checked against the open catalogue by the command (`_check_filter`)."""

    def __init__(self, *args: Any, table: str, **kwargs: Any) -> None:
        kwargs.setdefault("metavar", "ID")
        super().__init__(*args, **kwargs)
        self.table = table

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        ids = _taxonomy_ids(ctx, self.table)
        base = self.help
        if ids:
            self.help = _("{help} One of: {ids}.").format(help=base or "", ids=", ".join(ids)).strip()
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = base


def _check_filter(catalogue: Any, table: str, value: str | None) -> None:
    """Refuse a --category or --audience value the catalogue does not define, naming the valid ids."""
    if value is None:
        return
    ids = list(catalogue.labels(table))
    if value in ids:
        return
    if table == "categories":
        message = _("Unknown category {value}; the categories are: {ids}")
    else:
        message = _("Unknown audience {value}; the audiences are: {ids}")
    raise ExplorerError(message.format(value=f"'{excerpt(value)}'", ids=", ".join(ids)))


@click.command("search", cls=LocalizedCommand)
@click.argument("query")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 500))
@click.option("--category", cls=TaxonomyOption, table="categories", help="Only services in this category.")
@click.option("--audience", cls=TaxonomyOption, table="audiences", help="Only services for this audience.")
@click.option(
    "--status",
    type=click.Choice(SERVICE_STATUSES),
    help="By the state today: running, a plan not known to run, ended, or not known.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def search(
    obj: Context,
    query: str,
    limit: int,
    category: str | None,
    audience: str | None,
    status: str | None,
    as_json: bool,
    lang: str | None,
) -> None:
    """Find services: Korean or English, any spacing, particles, initials (ㅈㄹㅍㅇ), typos, romanization."""
    from explorer.core.current import GONE, state_of, state_words
    from explorer.core.present import pick
    from explorer.core.search import Searcher

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        _check_filter(catalogue, "categories", category)
        _check_filter(catalogue, "audiences", audience)
        results = Searcher(catalogue).search(
            query, limit=limit, category=category, audience=audience, status=status
        )
        states = {sid: state_of(current) for sid, current in catalogue.current_states().items()}
    if as_json:
        _dump([r.to_json() for r in results])
        return
    for number, result in enumerate(results, 1):
        why = result.matched[0]
        state = states.get(result.id, "")
        gone = f"  [{state_words(state)}]" if state in GONE else ""  # found, but not there to use
        echo(f"{number:>2}. {pick(result.names, lang)}  ({result.id}){gone}")
        if why.text:  # a listing by filter alone has no matched text to show
            echo(f"    {_match_words(why.field, why.how)}: {why.text[:90]}")
    if not results:
        echo(_("Nothing found. Try other words, or call 120."))


#: Where a result matched and how, in words (the JSON keeps the ids: field and how).
_FIELD_WORDS = {
    "name": N_("name"),
    "keyword": N_("keyword"),
    "text": N_("description"),
    "filter": N_("filter"),
}
_HOW_WORDS = {
    "exact": N_("as typed"),
    "partial": N_("part of it"),
    "mentioned": N_("mentioned"),
    "initials": N_("initial consonants"),
    "romanization": N_("romanized"),
    "words": N_("its words"),
    "typo": N_("typo corrected"),
    "filter": N_("filter"),
}


def _match_words(field: str, how: str) -> str:
    """ "name, as typed" / "이름, 그대로": why a result was found, in the interface language."""
    where = _(_FIELD_WORDS[field]) if field in _FIELD_WORDS else field
    manner = _(_HOW_WORDS[how]) if how in _HOW_WORDS else how
    return _("{where}, {how}").format(where=where, how=manner)
