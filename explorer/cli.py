"""The `explorer` command: the window by default, subcommands for data and scripting.

Every subcommand turns a known problem into one line on stderr and an exit code (2 for a damaged
catalogue or invalid sources, 1 for an unknown id); no traceback reaches the user unless
EXPLORER_DEBUG=1 is set.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from explorer import __version__
from explorer.core.errors import ExplorerError
from explorer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Localizer, _, set_localizer
from explorer.core.paths import Paths

F = TypeVar("F", bound=Callable[..., Any])

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the output: ko (default) or en.",
)


def guarded(func: F) -> F:
    """Run a command, turning ExplorerError and any surprise into one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ExplorerError as exc:
            click.echo(f"explorer: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            # The reader went away (`explorer list | head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except (
            click.exceptions.Exit,
            click.exceptions.Abort,
            click.ClickException,
            SystemExit,
            KeyboardInterrupt,
        ):
            raise
        except Exception as exc:
            if os.environ.get("EXPLORER_DEBUG"):
                traceback.print_exc()
            click.echo(f"explorer: unexpected error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


class Context:
    """What every command shares: where files are and which language to speak."""

    def __init__(self, catalogue: str | None, lang: str | None) -> None:
        self.paths = Paths.discover(catalogue)
        self.lang = lang or DEFAULT_LANGUAGE

    def localize(self, lang: str | None) -> str:
        """Set the interface language for this command and return it."""
        chosen = lang or self.lang
        set_localizer(Localizer(chosen, self.paths.translations))
        return chosen

    def open(self) -> Any:
        """The catalogue, built or refreshed from the sources first when needed."""
        from explorer.core.refresh import ensure_catalogue

        opened = ensure_catalogue(self.paths)
        if opened.build is not None:
            for warning in opened.build.warnings:
                click.echo(f"explorer: warning: {warning}", err=True)
        return opened.catalogue


pass_context = click.make_pass_decorator(Context)


@click.group(invoke_without_command=True)
@click.option("--catalogue", type=click.Path(dir_okay=False), help="Catalogue file to use.")
@LANG_OPTION
@click.option("--self-test", is_flag=True, help="Open the catalogue, render the window offscreen, exit 0.")
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False),
    help="With --self-test: save the rendered window as this PNG.",
)
@click.option("--easy", is_flag=True, help="Open easy mode: big letters, one thing at a time, for touch.")
@click.option(
    "--kiosk", is_flag=True, help="Open the locked-down community-centre kiosk (easy mode, full screen)."
)
@click.option(
    "--kiosk-config",
    type=click.Path(dir_okay=False),
    help="With --kiosk: the kiosk's settings file (default: kiosk.toml in the settings folder).",
)
@click.version_option(__version__, prog_name="explorer")
@click.pass_context
def cli(
    ctx: click.Context,
    catalogue: str | None,
    lang: str | None,
    self_test: bool,
    screenshot: str | None,
    easy: bool,
    kiosk: bool,
    kiosk_config: str | None,
) -> None:
    """Seoul Services Explorer: find the Seoul citizen services you can use.

    Without a command, opens the program's window.
    """
    ctx.obj = Context(catalogue, lang)
    if ctx.invoked_subcommand is not None:
        return
    from explorer.ui.app import run_gui
    from explorer.ui.app import self_test as run_self_test

    if self_test:
        shot = Path(screenshot) if screenshot else None
        sys.exit(run_self_test(ctx.obj.paths, ctx.obj.lang, shot, easy=easy or kiosk))
    sys.exit(
        run_gui(
            ctx.obj.paths,
            ctx.obj.lang,
            lang_given=lang is not None,
            easy=easy,
            kiosk=kiosk,
            kiosk_config=Path(kiosk_config) if kiosk_config else None,
        )
    )


@cli.group()
def db() -> None:
    """Build and check the catalogue."""


@db.command("build")
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Where to write the catalogue (default: the catalogue the program uses).",
)
@pass_context
@guarded
def db_build(obj: Context, output: str | None) -> None:
    """Build the SQLite catalogue from the sources in db/."""
    from explorer.core.build import build_catalogue

    if not obj.paths.has_sources:
        raise ExplorerError(f"No catalogue sources at {obj.paths.sources}")
    target = Path(output) if output else obj.paths.catalogue
    result = build_catalogue(obj.paths.sources, target, obj.paths.seeds)
    for warning in result.warnings:
        click.echo(f"explorer: warning: {warning}", err=True)
    click.echo(
        f"Built {result.path}: {result.services} services, {result.actions} actions, "
        f"{result.sources} sources in {result.seconds:.2f} s"
    )


@db.command("check")
@pass_context
@guarded
def db_check(obj: Context) -> None:
    """Check the sources, their quotes and the built catalogue; one line per problem.

    Exit 0 when all is well, 1 when there are problems, 2 when the catalogue cannot be read at all.
    """
    from explorer.core.catalog import open_catalogue
    from explorer.core.check import catalogue_statistics, check_everything
    from explorer.core.errors import CatalogueError, SourceError
    from explorer.core.refresh import needs_build

    try:
        if needs_build(obj.paths):
            obj.open().close()
    except (SourceError, CatalogueError):
        pass  # check_everything lists each problem
    problems = check_everything(obj.paths)
    for problem in problems:
        click.echo(problem)
    if not problems:
        with open_catalogue(obj.paths.catalogue) as catalogue:
            stats = catalogue_statistics(catalogue)
        states = ", ".join(f"{state} {count}" for state, count in stats["states"].items())
        click.echo(f"Services today: {states}; without a record {stats['without_record']}")
        outside = f"{stats['outside_facts']}, from {stats['outside_documents']} sources"
        click.echo(f"Facts from outside the seeds: {outside}")
        click.echo(f"OK: {obj.paths.catalogue}")
        return
    click.echo(f"{len(problems)} problem(s)", err=True)
    try:
        open_catalogue(obj.paths.catalogue).close()
    except CatalogueError:
        sys.exit(2)
    sys.exit(1)


def _dump(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def list_services(obj: Context, as_json: bool, lang: str | None) -> None:
    """List every service."""
    from explorer.core.present import pick, status_label

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        services = catalogue.list_services()
    if as_json:
        _dump(services)
        return
    for service in services:
        click.echo(f"{service['id']:<32} {pick(service['names'], lang)}  [{status_label(service['status'])}]")
    click.echo(_("{count} services").format(count=len(services)))


@cli.command("show")
@click.argument("service_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def show_service(obj: Context, service_id: str, as_json: bool, lang: str | None) -> None:
    """Show one service with every field."""
    from explorer.core.present import pick, service_sections

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        service = catalogue.get_service(service_id)
        labels = catalogue.all_labels()
        documents = catalogue.documents()
    if as_json:
        _dump(service)
        return
    click.echo(click.style(pick(service["names"], lang), bold=True))
    other = "en" if lang == "ko" else "ko"
    click.echo(pick(service["names"], other))
    for section in service_sections(service, lang, labels, documents):
        click.echo()
        click.echo(click.style(section.title, underline=True))
        for paragraph in section.paragraphs:
            click.echo(click.wrap_text(paragraph, width=100, preserve_paragraphs=True))


@cli.command("search")
@click.argument("query")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 500))
@click.option("--category", help="Only services in this category (see taxonomy.toml).")
@click.option("--audience", help="Only services for this audience (see taxonomy.toml).")
@click.option(
    "--status",
    type=click.Choice(["active", "planned", "ended", "unknown"]),
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
    from explorer.core.present import pick
    from explorer.core.search import Searcher

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        results = Searcher(catalogue).search(
            query, limit=limit, category=category, audience=audience, status=status
        )
    if as_json:
        _dump([r.to_json() for r in results])
        return
    for number, result in enumerate(results, 1):
        why = result.matched[0]
        click.echo(f"{number:>2}. {pick(result.names, lang)}  ({result.id})")
        click.echo(f"    {why.field}/{why.how}: {why.text[:90]}")
    if not results:
        click.echo(_("Nothing found. Try other words, or call 120."))


def _read_profile_text(source: str) -> str:
    """The profile's text from a file, or from standard input for `-`."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExplorerError(_("No profile file at {path}").format(path=path)) from None
    except UnicodeDecodeError:
        raise ExplorerError(_("The profile {path} is not UTF-8 text").format(path=path)) from None
    except OSError as exc:
        raise ExplorerError(
            _("Cannot read the profile {path}: {why}").format(path=path, why=exc.strerror)
        ) from None


@cli.command("screen")
@click.option(
    "--profile", "profile_source", required=True, help="Profile JSON file, or - for standard input."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def screen_profile(obj: Context, profile_source: str, as_json: bool, lang: str | None) -> None:
    """Which services fit a person's situation (eligible, maybe, not eligible, not assessed) and why."""
    from datetime import date

    from explorer.core.present import pick, status_group_label
    from explorer.core.profile import parse_profile
    from explorer.core.screening import load_rules, screen

    lang = obj.localize(lang)
    profile = parse_profile(_read_profile_text(profile_source))
    with obj.open() as catalogue:
        report = screen(profile, load_rules(catalogue), date.today())
    if as_json:
        _dump(report.to_json())
        return
    for warning in report.warnings:
        click.echo(_("Warning: {text}").format(text=pick(warning, lang)))
    if report.next_question:
        click.echo(
            _("The question that would settle the most (bears on {n}): {question}").format(
                n=report.next_question["settles"], question=pick(report.next_question["question"], lang)
            )
        )
    for status, results in report.by_status().items():
        if not results:
            continue
        click.echo()
        click.echo(click.style(f"{status_group_label(status)} ({len(results)})", bold=True))
        if status == "not_assessed":
            click.echo("  " + ", ".join(pick(r.names, lang) for r in results))
            continue
        for result in results:
            click.echo(f"  {pick(result.names, lang)}  ({result.id})")
            for reason in result.reasons:
                click.echo(f"      {pick(reason['text'], lang)}")
            for question in result.missing:
                click.echo("      ? " + pick(question["question"], lang))
            for needed in result.also_needed:
                click.echo("      + " + _("Also needed: {text}").format(text=pick(needed, lang)))
            if result.benefit:
                click.echo("      ₩ " + pick(result.benefit["explanation"], lang))


@cli.command("programs")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def programs(obj: Context, as_json: bool, lang: str | None) -> None:
    """The Resilient Seoul strategy: goals, programmes, actions, budgets and their services."""
    from explorer.core.i18n import active
    from explorer.core.present import pick
    from explorer.core.strategy import outside_services, read_strategy

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        strategy = read_strategy(catalogue)
        outside = outside_services(catalogue)
    if as_json:
        _dump(strategy)
        return
    localizer = active()
    for goal in strategy:
        click.echo(
            click.style(_("Goal {n}").format(n=goal["goal"]) + " " + pick(goal["names"], lang), bold=True)
        )
        for program in goal["programs"]:
            click.echo(
                "  " + _("Programme {n}").format(n=program["number"]) + " " + pick(program["names"], lang)
            )
            for action in program["actions"]:
                period = action["period"]
                when = f"{period['start']}–{period['end'] or ''}" if period else _("period not given")
                money = (
                    localizer.format_krw_short(action["budget_krw"])
                    if localizer and action["budget_krw"] is not None
                    else _("budget not given")
                )
                kind = "•" if action["kind"] == "action" else "◦"
                click.echo(f"    {kind} {action['id']} {pick(action['names'], lang)}  ({when}, {money})")
                if action["services"]:
                    click.echo("        → " + ", ".join(action["services"]))
    click.echo(_("Outside the strategy: {ids}").format(ids=", ".join(outside)))


def _kiosk_config_path() -> Path:
    from explorer.core.kiosk import FILE_NAME
    from explorer.core.settings import default_config_folder

    return default_config_folder() / FILE_NAME


@cli.command("kiosk-pin")
@LANG_OPTION
@pass_context
@guarded
def kiosk_pin(obj: Context, lang: str | None) -> None:
    """Make the hash of a new staff PIN (4 to 12 digits) for the kiosk config file.

    The PIN is asked twice and never shown; the one line printed goes into kiosk.toml.
    """
    from explorer.core.kiosk import check_pin_format, hash_pin

    obj.localize(lang)
    # Prompts go to stderr, so standard output holds only the line to paste (or append with >>).
    pin = click.prompt(
        _("New staff PIN (4 to 12 digits)"),
        hide_input=True,
        confirmation_prompt=_("The same PIN again"),
        err=True,
    )
    problem = check_pin_format(pin)
    if problem:
        raise ExplorerError(problem)
    click.echo(f'pin_hash = "{hash_pin(pin)}"')
    click.echo(_("Put this line in {path}").format(path=_kiosk_config_path()), err=True)


@cli.command("kiosk-check")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Kiosk config file to check (default: kiosk.toml in the settings folder).",
)
@LANG_OPTION
@pass_context
@guarded
def kiosk_check(obj: Context, config_file: str | None, lang: str | None) -> None:
    """Check the kiosk config file and print the settings the kiosk will use."""
    from explorer.core.kiosk import load_kiosk_config

    obj.localize(lang)
    path = Path(config_file) if config_file else _kiosk_config_path()
    if config_file and not path.exists():
        raise ExplorerError(_("No kiosk config file at {path}").format(path=path))
    config = load_kiosk_config(path)
    if path.exists():
        click.echo(_("Kiosk config: {path}").format(path=path))
    else:
        click.echo(_("Kiosk config: {path} (no such file: the defaults)").format(path=path))
    yes, no = _("yes"), _("no")
    rows = [
        ("idle_seconds", str(config.idle_seconds)),
        ("warning_seconds", str(config.warning_seconds)),
        ("language", config.language),
        ("pin_hash", _("set") if config.pin_hash else _("not set (staff exit disabled)")),
        ("printer", config.printer or _("not set (no printing; QR code only)")),
        ("speech_engine", config.speech_engine or _("not set (Qt's default)")),
        ("easy", yes if config.easy else no),
    ]
    for key, value in rows:
        click.echo(f"  {key:<16} {value}")


@cli.group()
def bench() -> None:
    """Measure the program (benchmarks print figures; nothing is asserted)."""


def _sizes(text: str) -> list[int]:
    try:
        return [int(size) for size in text.split(",")]
    except ValueError as exc:
        raise click.BadParameter("give sizes as numbers separated by commas, e.g. 0,10000") from exc


@bench.command("startup")
@click.option("--runs", default=7, show_default=True, type=click.IntRange(1, 100))
@pass_context
@guarded
def bench_startup(obj: Context, runs: int) -> None:
    """Time from process start to the first painted window, and peak memory, beside a bare Qt window."""
    from explorer.bench import run_startup_bench

    # Build first, so every run measures start-up and not the one-off build.
    obj.open().close()
    for line in run_startup_bench(obj.paths, runs):
        click.echo(line)


@bench.command("search")
@click.option(
    "--sizes", default="0,10000,100000", show_default=True, help="Catalogue sizes; 0 = the real one."
)
@click.option("--repeats", default=5, show_default=True, type=click.IntRange(1, 100))
@pass_context
@guarded
def bench_search(obj: Context, sizes: str, repeats: int) -> None:
    """Search latency (median, p95) at the real and generated catalogues, beside plain FTS5."""
    from explorer.core.search_bench import run_search_bench
    from explorer.core.search_quality import load_queries

    wanted = _sizes(sizes)
    obj.open().close()
    queries = [q["query"] for q in load_queries(obj.paths.root / "tests" / "data" / "search_queries.toml")]
    folder = obj.paths.catalogue.parent / "bench"
    for line in run_search_bench(obj.paths.sources, obj.paths.catalogue, folder, queries, wanted, repeats):
        click.echo(line)


@bench.command("screen")
@click.option("--sizes", default="0,10000", show_default=True, help="Catalogue sizes; 0 = the real one.")
@click.option("--repeats", default=5, show_default=True, type=click.IntRange(1, 100))
@pass_context
@guarded
def bench_screen(obj: Context, sizes: str, repeats: int) -> None:
    """Screening one profile against the whole catalogue (median, p95), beside reading the rules."""
    from datetime import date

    from explorer.core.screening_bench import (
        decisiveness,
        load_case_profiles,
        load_personas,
        run_screening_bench,
    )

    wanted = _sizes(sizes)
    obj.open().close()
    profiles = load_case_profiles(obj.paths.root / "tests" / "data" / "screening_cases")
    if not profiles:
        raise ExplorerError("No screening cases found under tests/data/screening_cases")
    folder = obj.paths.catalogue.parent / "bench"
    personas = load_personas(obj.paths.root / "tests" / "data" / "personas")
    for line in decisiveness(obj.paths.catalogue, personas, repeats, date.today()):
        click.echo(line)
    click.echo()
    for line in run_screening_bench(
        obj.paths.sources, obj.paths.catalogue, folder, profiles, wanted, repeats, date.today()
    ):
        click.echo(line)


@bench.command("search-quality")
@click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False),
    help="TOML file of [[queries]] (default: tests/data/search_queries.toml).",
)
@pass_context
@guarded
def bench_search_quality(obj: Context, queries: str | None) -> None:
    """Recall@1, recall@5 and MRR of search on a set of realistic queries."""
    from explorer.core.search import Searcher
    from explorer.core.search_quality import evaluate, load_queries, report

    path = Path(queries) if queries else obj.paths.root / "tests" / "data" / "search_queries.toml"
    if not path.is_file():
        raise ExplorerError(f"No query set at {path}")
    with obj.open() as catalogue:
        outcomes = evaluate(Searcher(catalogue), load_queries(path))
    for line in report(outcomes):
        click.echo(line)


def main() -> None:
    """Entry point of the `explorer` script."""
    cli(prog_name="explorer")
