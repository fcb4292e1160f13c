"""The `explorer` command: the window by default, subcommands for data and scripting.

Every subcommand turns a known problem into one line on stderr and an exit code: 2 for what a
person or the machine can fix (a damaged catalogue, invalid sources, bad input such as an unknown
filter value or a profile that is not a regular file, a closed or full standard output), 1 for an
id no service has (an argument that is not valid UTF-8 is such an id, quoted escaped), and 1 with
"unexpected error" only for a bug. No traceback reaches the user unless EXPLORER_DEBUG=1 is set;
bad input is quoted as a short, escaped excerpt.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from explorer import __version__
from explorer.core.errors import ExplorerError
from explorer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Localizer, _, set_localizer
from explorer.core.limits import MAX_PROFILE_BYTES, InputError, excerpt, read_limited, read_stream
from explorer.core.paths import Paths

F = TypeVar("F", bound=Callable[..., Any])

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the output: ko (default) or en.",
)

#: The longest message printed; longer ones (quoting some huge input) are cut, and escaped.
MESSAGE_CHARS = 2000
#: How many characters of a path a message shows (paths are escaped, and cut only when absurd).
PATH_CHARS = 300


def _shown(path: Path | str) -> str:
    """A path as a message quotes it: escaped (control characters, undecodable bytes), cut if absurd."""
    return excerpt(str(path), PATH_CHARS)


def _say(message: str) -> None:
    """One line on standard error, when there is a standard error to write to."""
    # When standard error is closed or full too, the exit code still tells.
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"explorer: {excerpt(message, MESSAGE_CHARS)}", err=True)


class OutputError(ExplorerError):
    """Standard output cannot take what the command prints: a full device, a closed or read-only
    descriptor. Not a broken pipe: a reader that went away is a quiet stop (see `guarded`)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(_("Cannot write to standard output: {why}").format(why=_why(cause)))
        self.cause = cause


def echo(message: Any = None, nl: bool = True, err: bool = False) -> None:
    """click.echo, telling a failure of standard output (OutputError) from any other error.

    Standard error is best effort: a prompt or warning that cannot be shown does not stop the command.
    """
    if err:
        with contextlib.suppress(OSError, ValueError):
            click.echo(message, nl=nl, err=True)
        return
    try:
        click.echo(message, nl=nl)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc) from exc
    except ValueError as exc:  # "I/O operation on closed file"
        raise OutputError(OSError(errno.EBADF, os.strerror(errno.EBADF))) from exc


def _flush_stdout() -> None:
    """Push out what standard output still holds; OutputError when it cannot take it."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc) from exc
    except ValueError as exc:
        raise OutputError(OSError(errno.EBADF, os.strerror(errno.EBADF))) from exc


def _silence_stdout() -> None:
    """Point standard output at the null device, so nothing fails again when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # not a real file (tests run commands in-process)


def _why(exc: OSError) -> str:
    """The operating system's words for an error ("No space left on device")."""
    if exc.strerror:
        return exc.strerror
    return os.strerror(exc.errno) if exc.errno else excerpt(str(exc), 200)


def _fail(exc: BaseException) -> NoReturn:
    """Say what went wrong in one line and exit: 2 for what a person or the machine can fix, 1 for a bug.

    Known cases: ExplorerError (its own exit code); standard output full, closed or unwritable
    (OutputError); any other error of the operating system (a file, the disk); input that is not
    UTF-8; input nested too deeply to handle (RecursionError); not enough memory. Anything else is
    a bug: "unexpected error", exit 1, and the traceback only with EXPLORER_DEBUG=1.
    """
    if isinstance(exc, OutputError):
        _silence_stdout()  # what it still holds would fail again when Python exits
    if isinstance(exc, ExplorerError):
        _say(exc.message)
        sys.exit(exc.exit_code)
    if isinstance(exc, OSError):
        if exc.filename:
            _say(_("Cannot use {path}: {why}").format(path=_shown(exc.filename), why=_why(exc)))
        else:
            _say(_("The system refused: {why}").format(why=_why(exc)))
        sys.exit(2)
    if isinstance(exc, UnicodeDecodeError):
        _say(_("Some input is not UTF-8 text: {why}").format(why=excerpt(exc.reason)))
        sys.exit(2)
    if isinstance(exc, RecursionError):
        _say(_("The input is nested too deeply to handle"))
        sys.exit(2)
    if isinstance(exc, MemoryError):
        _say(_("Not enough memory to finish; the input may be too large"))
        sys.exit(2)
    if os.environ.get("EXPLORER_DEBUG"):
        traceback.print_exception(exc)
    _say(f"unexpected error: {type(exc).__name__}: {excerpt(str(exc), 200)}")
    sys.exit(1)


def guarded(func: F) -> F:
    """Run a command, turning ExplorerError and any surprise into one line and an exit code.

    The command needs a standard output: when it is closed, the command does not run (exit 2).
    Whatever it printed is flushed before it counts as done, so a full or unwritable output is
    an error (exit 2), not a silent loss.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            if sys.stdout is None:
                raise ExplorerError(_("Standard output is closed: nothing this command prints would be seen"))
            result = func(*args, **kwargs)
            _flush_stdout()
            return result
        except BrokenPipeError:
            # The reader went away (`explorer list | head`): stop quietly, as Unix tools do.
            _silence_stdout()
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
            _fail(exc)

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
                echo(f"explorer: warning: {excerpt(str(warning), MESSAGE_CHARS)}", err=True)
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
@click.option(
    "--version",
    "show_version",
    is_flag=True,
    help="Print the program's version and the catalogue's (its version and where it came from).",
)
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
    show_version: bool,
) -> None:
    """Seoul Services Explorer: find the Seoul citizen services you can use.

    Without a command, opens the program's window.
    """
    ctx.obj = Context(catalogue, lang)
    if show_version:
        guarded(_print_version)(ctx.obj, lang)
        ctx.exit(0)
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


def _print_version(obj: Context, lang: str | None) -> None:
    """`explorer --version`: the program's version, then the catalogue's and where it came from
    (the program's own, an installed update, built from the sources, or named as it is)."""
    from explorer.catalogue_cli import _describe_how, _how
    from explorer.core.bundle_store import Store, default_store_folder
    from explorer.core.bundles import status

    obj.localize(lang)
    echo(_("explorer {version}").format(version=__version__))
    info = status(obj.paths.catalogue, _how(obj), Store(default_store_folder()), obj.paths.bundled)
    how = _describe_how(info.how)
    if info.version is not None:
        echo(_("Catalogue: {version} ({how})").format(version=info.version.name, how=how))
    elif not obj.paths.catalogue.exists() and info.how == "sources":
        echo(_("Catalogue: not built yet ({how})").format(how=how))
    elif not obj.paths.catalogue.exists():
        echo(_("Catalogue: missing ({how})").format(how=how))
    else:
        echo(_("Catalogue: its version cannot be read ({how})").format(how=how))
    echo(_("Catalogue file: {path}").format(path=_shown(obj.paths.catalogue)))


@cli.group()
def db() -> None:
    """Build and check the catalogue."""


@db.command("build")
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Where to write the catalogue (default: the catalogue the program uses).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Also replace a catalogue built by this program that a plain build leaves alone: one made by a"
    " newer program, or one too damaged to read. Never replaces anything that is not a catalogue.",
)
@pass_context
@guarded
def db_build(obj: Context, output: str | None, force: bool) -> None:
    """Build the SQLite catalogue from the sources in db/."""
    from explorer.core.build import build_catalogue

    if not obj.paths.has_sources:
        raise ExplorerError(f"No catalogue sources at {obj.paths.sources}")
    target = Path(output) if output else obj.paths.catalogue
    result = build_catalogue(obj.paths.sources, target, obj.paths.seeds, force=force)
    for path in result.removed:
        echo(
            f"explorer: warning: removed {excerpt(str(path), MESSAGE_CHARS)}, left by an interrupted build",
            err=True,
        )
    for warning in result.warnings:
        echo(f"explorer: warning: {excerpt(str(warning), MESSAGE_CHARS)}", err=True)
    echo(
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

    rebuild_error = None
    try:
        if needs_build(obj.paths):
            obj.open().close()
    except (SourceError, CatalogueError) as exc:
        rebuild_error = exc.message  # check_everything lists each problem, and says why it is stale
    problems = check_everything(obj.paths, rebuild_error=rebuild_error)
    for problem in problems:
        echo(problem)
    if not problems:
        with open_catalogue(obj.paths.catalogue) as catalogue:
            stats = catalogue_statistics(catalogue)
        states = ", ".join(f"{state} {count}" for state, count in stats["states"].items())
        echo(f"Services today: {states}; without a record {stats['without_record']}")
        outside = f"{stats['outside_facts']}, from {stats['outside_documents']} sources"
        echo(f"Facts from outside the seeds: {outside}")
        echo(f"OK: {obj.paths.catalogue}")
        return
    echo(f"{len(problems)} problem(s)", err=True)
    try:
        open_catalogue(obj.paths.catalogue).close()
    except CatalogueError:
        sys.exit(2)
    sys.exit(1)


def _dump(value: Any) -> None:
    echo(json.dumps(value, ensure_ascii=False, indent=2))


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
        echo(f"{service['id']:<32} {pick(service['names'], lang)}  [{status_label(service['status'])}]")
    echo(_("{count} services").format(count=len(services)))


#: Width of the text `explorer show` prints, in characters.
TEXT_WIDTH = 100


@functools.lru_cache(maxsize=8)
def _line_pattern(width: int) -> re.Pattern[str]:
    """One line of at most `width` characters, as textwrap makes it: up to the last space (or
    hyphen inside a word) that fits, the atomic group keeping that choice, unless the word after it
    is longer than a line: that word then starts on this line and is cut at its end. Spaces at a
    line's start are dropped."""
    end = r"(?:[^\S\n]+|$|(?<=[^\d\W]{2}-)(?=[^\d\W]-?[^\d\W]))"  # a space, the end, or "well-|known"
    return re.compile(rf"[^\S\n]*(?:(?>(.{{1,{width}}}){end})(?!\S{{{width + 1}}})|(.{{{width}}}))")


def _wrap_line(text: str, width: int, indent: str) -> list[str]:
    """One paragraph's text in lines of at most `width` characters, breaking at spaces, and inside
    a word only when it is longer than a line. A regular expression finds each line, so the work
    is linear in the text (textwrap copies the rest of a long word for every line: 10 MB without a
    space took minutes)."""
    room = max(1, width - len(indent))
    return [indent + (m.group(1) or m.group(2)).rstrip() for m in _line_pattern(room).finditer(text.strip())]


def wrap_paragraphs(text: str, width: int = TEXT_WIDTH) -> str:
    """`text` wrapped to `width` characters as click.wrap_text(preserve_paragraphs=True) does
    (paragraphs apart at blank lines, each indented as its first line), in linear time."""
    paragraphs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    indent = 0
    for line in text.expandtabs().splitlines():
        if not line.strip():
            if current:
                paragraphs.append((indent, current))
            current = []
            continue
        if not current:
            indent = len(line) - len(line.lstrip())
            line = line.lstrip()
        current.append(line)
    if current:
        paragraphs.append((indent, current))
    return "\n\n".join(
        "\n".join(_wrap_line(" ".join(lines), width, " " * indent)) for indent, lines in paragraphs
    )


def _known_id(catalogue: Any, service_id: str) -> str:
    """`service_id` when the catalogue holds it; NotFoundError (exit 1) quoting a short, escaped
    excerpt of it otherwise. An argument that is not valid UTF-8 (`show $'\\xff'`) is an id no
    service has, like any other: exit 1, not an error of the program."""
    from explorer.core.errors import NotFoundError

    if service_id not in set(catalogue.service_ids()):
        message = _("No service has the id {id}; `explorer list` shows them all")
        raise NotFoundError(message.format(id=f"'{excerpt(service_id)}'"))
    return service_id


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
        service = catalogue.get_service(_known_id(catalogue, service_id))
        labels = catalogue.all_labels()
        documents = catalogue.documents()
    if as_json:
        _dump(service)
        return
    echo(click.style(pick(service["names"], lang), bold=True))
    other = "en" if lang == "ko" else "ko"
    echo(pick(service["names"], other))
    for section in service_sections(service, lang, labels, documents):
        echo()
        echo(click.style(section.title, underline=True))
        for paragraph in section.paragraphs:
            echo(wrap_paragraphs(paragraph))


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
            self.help = f"{base or ''} One of: {', '.join(ids)}.".strip()
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


@cli.command("search")
@click.argument("query")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 500))
@click.option("--category", cls=TaxonomyOption, table="categories", help="Only services in this category.")
@click.option("--audience", cls=TaxonomyOption, table="audiences", help="Only services for this audience.")
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
        _check_filter(catalogue, "categories", category)
        _check_filter(catalogue, "audiences", audience)
        results = Searcher(catalogue).search(
            query, limit=limit, category=category, audience=audience, status=status
        )
    if as_json:
        _dump([r.to_json() for r in results])
        return
    for number, result in enumerate(results, 1):
        why = result.matched[0]
        echo(f"{number:>2}. {pick(result.names, lang)}  ({result.id})")
        echo(f"    {why.field}/{why.how}: {why.text[:90]}")
    if not results:
        echo(_("Nothing found. Try other words, or call 120."))


def _read_profile_bytes(source: str) -> bytes:
    """The profile's bytes from a regular file, or from standard input for `-`; at most
    MAX_PROFILE_BYTES either way, so `/dev/zero`, a FIFO or a folder cannot hang or exhaust it."""
    if source == "-":
        if sys.stdin is None:
            raise ExplorerError(
                _("Standard input is closed: give the profile as a file, or send it to standard input")
            )
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes under it (some embedders)
            return sys.stdin.read(MAX_PROFILE_BYTES + 1).encode("utf-8", "surrogateescape")
        return read_stream(stream, MAX_PROFILE_BYTES, "the profile")
    path = Path(source)
    if not os.path.lexists(path):
        raise ExplorerError(_("No profile file at {path}").format(path=_shown(path)))
    try:
        return read_limited(path, MAX_PROFILE_BYTES, "the profile")
    except InputError as exc:
        # Said again with the whole path (escaped): a short excerpt of a long path loses its file name.
        why = getattr(exc, "reason", exc.message)
        raise ExplorerError(
            _("Cannot use the profile {path}: {why}").format(path=_shown(path), why=why)
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
    from explorer.core.profile import parse_profile_bytes
    from explorer.core.screening import load_rules, screen

    lang = obj.localize(lang)
    profile = parse_profile_bytes(_read_profile_bytes(profile_source))
    with obj.open() as catalogue:
        report = screen(profile, load_rules(catalogue), date.today())
    if as_json:
        _dump(report.to_json())
        return
    for warning in report.warnings:
        echo(_("Warning: {text}").format(text=pick(warning, lang)))
    if report.next_question:
        echo(
            _("The question that would settle the most (bears on {n}): {question}").format(
                n=report.next_question["settles"], question=pick(report.next_question["question"], lang)
            )
        )
    for status, results in report.by_status().items():
        if not results:
            continue
        echo()
        echo(click.style(f"{status_group_label(status)} ({len(results)})", bold=True))
        if status == "not_assessed":
            echo("  " + ", ".join(pick(r.names, lang) for r in results))
            continue
        for result in results:
            echo(f"  {pick(result.names, lang)}  ({result.id})")
            for reason in result.reasons:
                echo(f"      {pick(reason['text'], lang)}")
            for question in result.missing:
                echo("      ? " + pick(question["question"], lang))
            for needed in result.also_needed:
                echo("      + " + _("Also needed: {text}").format(text=pick(needed, lang)))
            if result.benefit:
                echo("      ₩ " + pick(result.benefit["explanation"], lang))


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
        echo(click.style(_("Goal {n}").format(n=goal["goal"]) + " " + pick(goal["names"], lang), bold=True))
        for program in goal["programs"]:
            echo("  " + _("Programme {n}").format(n=program["number"]) + " " + pick(program["names"], lang))
            for action in program["actions"]:
                period = action["period"]
                when = f"{period['start']}–{period['end'] or ''}" if period else _("period not given")
                money = (
                    localizer.format_krw_short(action["budget_krw"])
                    if localizer and action["budget_krw"] is not None
                    else _("budget not given")
                )
                kind = "•" if action["kind"] == "action" else "◦"
                echo(f"    {kind} {action['id']} {pick(action['names'], lang)}  ({when}, {money})")
                if action["services"]:
                    echo("        → " + ", ".join(action["services"]))
    echo(_("Outside the strategy: {ids}").format(ids=", ".join(outside)))


def _kiosk_config_path() -> Path:
    from explorer.core.kiosk import FILE_NAME
    from explorer.core.settings import default_config_folder

    return default_config_folder() / FILE_NAME


@cli.command("kiosk-pin")
@LANG_OPTION
@pass_context
@guarded
def kiosk_pin(obj: Context, lang: str | None) -> None:
    """Make the hash of a new staff PIN (6 to 12 digits, not 111111 or 123456) for the kiosk config file.

    The PIN is asked twice and never shown; the one line printed goes into kiosk.toml.
    """
    from explorer.core.kiosk import check_pin_format, hash_pin

    obj.localize(lang)
    pin = _read_new_pin()
    problem = check_pin_format(pin)
    if problem:
        raise ExplorerError(problem)
    try:
        echo(f'pin_hash = "{hash_pin(pin)}"')
        _flush_stdout()
    except (OutputError, BrokenPipeError) as exc:
        # Never a quiet stop here: the hash would be lost and the kiosk left without a staff exit.
        _silence_stdout()
        cause = exc.cause if isinstance(exc, OutputError) else exc
        raise ExplorerError(
            _("The PIN's hash could not be written to standard output: {why}").format(why=_why(cause))
        ) from None
    echo(_("Put this line in {path}").format(path=_shown(_kiosk_config_path())), err=True)


#: The longest line read as a PIN; anything longer is refused without reading on.
PIN_LINE_CHARS = 64


def _read_new_pin() -> str:
    """The new PIN, asked twice until both agree; prompts go to standard error, so standard output
    holds only the line to paste (or append with >>).

    On a terminal the PIN is not shown. From a pipe or a file it is read line by line directly,
    without Python's getpass (which warns, with its own source lines, that it cannot hide input
    that is not typed anyway). Running out of input aborts (exit 1).
    """
    stdin = sys.stdin
    if stdin is None:
        raise ExplorerError(_("Standard input is closed: the PIN cannot be read"))
    first_prompt, again_prompt = _("New staff PIN (6 to 12 digits)"), _("The same PIN again")
    try:
        interactive = stdin.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive:
        import getpass

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", getpass.GetPassWarning)
            return str(
                click.prompt(first_prompt, hide_input=True, confirmation_prompt=again_prompt, err=True)
            )
    while True:
        pin = _read_pin_line(stdin, first_prompt)
        if _read_pin_line(stdin, again_prompt) == pin:
            return pin
        echo(_("Error: The two PINs do not match."), err=True)


def _read_pin_line(stdin: Any, prompt: str) -> str:
    from explorer.core.kiosk import check_pin_format

    echo(f"{prompt}: ", nl=False, err=True)
    raw = getattr(stdin, "buffer", None)
    if raw is not None:  # bytes, so input that is not UTF-8 is a wrong PIN, not a decoding error
        line = raw.readline(PIN_LINE_CHARS + 1).decode("utf-8", "replace")
    else:
        line = stdin.readline(PIN_LINE_CHARS + 1)
    echo(err=True)
    if not line:
        raise click.Abort()
    pin = line.rstrip("\r\n")
    if len(line) > PIN_LINE_CHARS:
        raise ExplorerError(check_pin_format(pin) or _("The PIN is too long"))
    return pin


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
        raise ExplorerError(_("No kiosk config file at {path}").format(path=_shown(path)))
    config = load_kiosk_config(path)
    if path.exists():
        echo(_("Kiosk config: {path}").format(path=_shown(path)))
    else:
        echo(_("Kiosk config: {path} (no such file: the defaults)").format(path=_shown(path)))
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
        echo(f"  {key:<16} {value}")


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
    """Time from process start to the first painted window, and peak memory, for both faces beside a
    bare Qt window."""
    from explorer.bench import run_startup_bench

    # Build first, so every run measures start-up and not the one-off build.
    obj.open().close()
    echo(_("Starting each window {runs} times (and once more to warm up)…").format(runs=runs), err=True)
    for line in run_startup_bench(obj.paths, runs, progress=lambda text: echo(text, err=True)):
        echo(line)


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
        echo(line)


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
        echo(line)
    echo()
    for line in run_screening_bench(
        obj.paths.sources, obj.paths.catalogue, folder, profiles, wanted, repeats, date.today()
    ):
        echo(line)


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
        echo(line)


from explorer.export_cli import export  # noqa: E402  (it builds on the definitions above)

cli.add_command(export)

from explorer.catalogue_cli import catalogue  # noqa: E402  (it builds on the definitions above)

cli.add_command(catalogue)


def _prepare_streams() -> None:
    """Text that cannot be encoded (an argument that was not valid UTF-8, a locale that cannot
    show Hangul) is written as backslash escapes instead of failing half-way through the output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def main() -> None:
    """Entry point of the `explorer` script.

    Commands guard themselves (see `guarded`); this last guard covers the rest (the window's
    start-up), so no traceback reaches a person unless EXPLORER_DEBUG=1 is set.
    """
    _prepare_streams()
    try:
        cli(prog_name="explorer")
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        _fail(exc)
