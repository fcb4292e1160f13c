"""The `explorer` command: the window by default, subcommands for data and scripting.

Every subcommand turns a known problem into one line on stderr and an exit code: 2 for what a
person or the machine can fix (a damaged catalogue, invalid sources, bad input such as an unknown
filter value or a profile that is not a regular file, a closed or full standard output), 1 for an
id no service has (an argument that is not valid UTF-8 is such an id, quoted escaped), and 1 with
"unexpected error" only for a bug. No traceback reaches the user unless EXPLORER_DEBUG=1 is set;
bad input is quoted as a short, escaped excerpt.

This module holds the group, its Context, the shared helpers (echo, guarded, the options) and the
small browsing commands (list, show); the other commands live in their own modules, registered at
the end: search_cli, screen_cli, programs_cli, db_cli, kiosk_cli, bench_cli, export_cli, catalogue_cli.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from explorer import __version__
from explorer.cli_help import LocalizedGroup, language_asked, refresh_click_words, speak_click
from explorer.cli_types import PlacePath
from explorer.core.errors import ExplorerError
from explorer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Localizer, _, set_localizer
from explorer.core.limits import excerpt
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
    """The operating system's words for an error ("the disk is full"), in the person's language."""
    from explorer.core.os_words import os_reason

    return excerpt(os_reason(exc), 200)


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
                shown = excerpt(str(warning), MESSAGE_CHARS)
                echo(_("explorer: warning: {warning}").format(warning=shown), err=True)
        return opened.catalogue


pass_context = click.make_pass_decorator(Context)


def _catalogue_file(catalogue: str) -> None:
    """Refuse a --catalogue that names a folder (a file that does not exist yet is said later)."""
    if Path(catalogue).is_dir():
        raise ExplorerError(
            _("Cannot use {path}: {why}").format(path=_shown(catalogue), why=_("a folder, not a file"))
        )


@click.group(cls=LocalizedGroup, invoke_without_command=True)
@click.option("--catalogue", type=PlacePath(dir_okay=False), help="Catalogue file to use.")
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
    "--touch-keyboard",
    type=click.Choice(["auto", "on", "off"]),
    default="auto",
    show_default=True,
    help="Easy mode's on-screen keyboard: when a touch screen is found, always, or never (it takes the "
    "place of the system's input method; the kiosk always has it).",
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
    touch_keyboard: str,
    show_version: bool,
) -> None:
    """Seoul Services Explorer: find the Seoul citizen services you can use.

    Without a command, opens the program's window.
    """
    if catalogue is not None:
        guarded(_catalogue_file)(catalogue)
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
            touch_keyboard=touch_keyboard,
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


def _dump(value: Any) -> None:
    echo(json.dumps(value, ensure_ascii=False, indent=2))


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def list_services(obj: Context, as_json: bool, lang: str | None) -> None:
    """List every service."""  # each with its state today, not the seeds' 2019 status
    from explorer.core.current import state_of, state_words
    from explorer.core.present import pick

    lang = obj.localize(lang)
    with obj.open() as catalogue:
        services = catalogue.list_services()
    if as_json:
        _dump(services)
        return
    for service in services:
        today = state_words(state_of(service["current"]))
        echo(f"{service['id']:<32} {pick(service['names'], lang)}  [{today}]")
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


from explorer.bench_cli import bench  # noqa: E402  (these build on the definitions above)
from explorer.catalogue_cli import catalogue  # noqa: E402
from explorer.db_cli import db  # noqa: E402
from explorer.export_cli import export  # noqa: E402
from explorer.kiosk_cli import kiosk_check, kiosk_pin  # noqa: E402
from explorer.programs_cli import programs  # noqa: E402
from explorer.screen_cli import screen_profile  # noqa: E402
from explorer.search_cli import search  # noqa: E402

cli.add_command(db)
cli.add_command(search)
cli.add_command(screen_profile)
cli.add_command(programs)
cli.add_command(kiosk_pin)
cli.add_command(kiosk_check)
cli.add_command(bench)
cli.add_command(export)
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
    with contextlib.suppress(Exception):  # the words only: a problem here must not stop the command
        lang, translations = language_asked(sys.argv[1:]), Paths.discover(None).translations
        set_localizer(Localizer(lang, translations))  # every command's words, --help's included
        speak_click(lang, translations)
        refresh_click_words(cli)
    try:
        cli(prog_name="explorer")
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        _fail(exc)
