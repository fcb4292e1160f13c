"""`explorer catalogue` as a publisher and a kiosk or laptop use it: real processes, a real web server.

The client runs as the packaged program does (its bundle folder holding services.db, no sources),
so what an update changes is what a person sees: `explorer show` answers from the new catalogue.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bundle_helpers import NEW_NAME
from tests.bundle_helpers import serve as _serve
from tests.conftest import ROOT

#: Runs the program as PyInstaller's bundle does: sys._MEIPASS is the folder holding services.db.
PACKAGED = (
    "import sys; sys._MEIPASS = sys.argv.pop(1); sys.argv[0] = 'explorer'; "
    "from explorer.cli import main; main()"
)


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_DATA=str(data))
    for name in ("EXPLORER_DEBUG", "EXPLORER_CATALOGUE", "EXPLORER_CATALOGUE_KEY"):
        env.pop(name, None)
    return env


def run(*args: str, data: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """`explorer ARGS` from the checkout."""
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(data),
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )


def run_packaged(root: Path, *args: str, data: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """`explorer ARGS` as the packaged program whose bundle folder is `root`."""
    return subprocess.run(
        [sys.executable, "-c", PACKAGED, str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(data),
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("explorer: ") and "Traceback" not in result.stderr
    return lines[0]


def serve(folder: Path) -> contextlib.AbstractContextManager[str]:
    """The local web server, its address pointing at the published folder `catalogue/`."""
    return _serve(folder, path="catalogue/")


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("keys") / "signing"
    result = run("catalogue", "keygen", "--output", str(folder), "--lang", "en", data=folder.parent)
    assert result.returncode == 0, result.stderr
    return folder / "catalogue-signing.key", folder / "catalogue-signing.pub"


@pytest.fixture
def program(tmp_path: Path, built_db: Path) -> Path:
    """The packaged program's bundle folder, with the catalogue it was shipped with."""
    root = tmp_path / "program"
    root.mkdir()
    shutil.copyfile(built_db, root / "services.db")
    return root


@pytest.fixture
def site(tmp_path: Path, keys: tuple[Path, Path], changed_db: Path) -> Path:
    """The web server's folder; bundles are published in its catalogue/ folder."""
    web = tmp_path / "web"
    result = run(
        "--catalogue", str(changed_db), "catalogue", "publish", "--key", str(keys[0]),
        "--output", str(web / "catalogue"), "--lang", "en", data=tmp_path / "publisher",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Published ")
    assert "does not trust key" in result.stderr  # a test key, not the program's own
    return web


def zero_pay_name(program: Path, data: Path) -> str:
    result = run_packaged(program, "show", "zero-pay", "--json", "--lang", "en", data=data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["names"]["en"]


def test_keygen_never_overwrites_a_key(keys: tuple[Path, Path], tmp_path: Path) -> None:
    private, public = keys
    assert private.stat().st_mode & 0o777 == 0o600 and public.is_file()
    before = private.read_bytes()
    result = run("catalogue", "keygen", "--output", str(private.parent), "--lang", "en", data=tmp_path)
    assert result.returncode == 2
    assert "never overwritten" in one_line_error(result)
    assert private.read_bytes() == before


def test_update_status_and_rollback_as_the_packaged_program(
    tmp_path: Path, program: Path, site: Path, keys: tuple[Path, Path]
) -> None:
    data = tmp_path / "data"
    status = run_packaged(program, "catalogue", "status", "--lang", "en", data=data)
    assert status.returncode == 0, status.stderr
    assert f"In use: {program / 'services.db'} (the catalogue that came with the program)" in status.stdout
    assert zero_pay_name(program, data) == "Zero-Pay"

    with serve(site) as url:
        updated = run_packaged(
            program, "catalogue", "update", url, "--key", str(keys[1]), "--lang", "en", data=data
        )
        assert updated.returncode == 0, updated.stderr
        assert updated.stdout.startswith("Installed ") and "next start" in updated.stdout
        again = run_packaged(
            program, "catalogue", "update", url, "--key", str(keys[1]), "--lang", "en", data=data
        )
        assert again.returncode == 0 and again.stdout.startswith("Already up to date")

    assert zero_pay_name(program, data) == NEW_NAME
    status = run_packaged(program, "catalogue", "status", "--lang", "en", data=data)
    assert "(an installed update)" in status.stdout
    assert f"from {url}" in status.stdout
    assert "Rollback returns to: the catalogue that came with the program" in status.stdout

    rolled = run_packaged(program, "catalogue", "rollback", "--lang", "en", data=data)
    assert rolled.returncode == 0, rolled.stderr
    assert "now in use" in rolled.stdout and "the catalogue that came with the program" in rolled.stdout
    assert zero_pay_name(program, data) == "Zero-Pay"
    nothing = run_packaged(program, "catalogue", "rollback", "--lang", "en", data=data)
    assert nothing.returncode == 2 and "No update is installed" in one_line_error(nothing)


def _unsign(site: Path) -> None:
    for sig in site.glob("catalogue/*/manifest.sig"):
        sig.unlink()


def _tamper(site: Path) -> None:
    for manifest in site.glob("catalogue/*/manifest.json"):
        manifest.write_text(manifest.read_text().replace('"schema_version": 5', '"schema_version": 4'))


def _truncate(site: Path) -> None:
    for db in site.glob("catalogue/*/services.db"):
        db.write_bytes(db.read_bytes()[:1_000_000])


REFUSED = {
    "unsigned": (_unsign, "is not signed"),
    "changed after signing": (_tamper, "does not match its signature"),
    "truncated": (_truncate, "cut off"),
}


@pytest.mark.parametrize("fault", list(REFUSED))
def test_a_bad_bundle_is_one_line_and_the_program_keeps_its_catalogue(
    fault: str, tmp_path: Path, program: Path, site: Path, keys: tuple[Path, Path]
) -> None:
    tamper, message = REFUSED[fault]
    tamper(site)
    data = tmp_path / "data"
    with serve(site) as url:
        result = run_packaged(
            program, "catalogue", "update", url, "--key", str(keys[1]), "--lang", "en", data=data
        )
    assert result.returncode == 2
    assert message in one_line_error(result)
    assert zero_pay_name(program, data) == "Zero-Pay"


def test_a_bundle_not_signed_by_the_programs_own_key_is_refused(
    tmp_path: Path, program: Path, site: Path
) -> None:
    data = tmp_path / "data"
    result = run("catalogue", "update", str(site / "catalogue"), "--lang", "en", data=data)
    assert result.returncode == 2
    assert "not one this program trusts" in one_line_error(result)
    assert not list(data.glob("catalogues/*.db"))


def test_an_older_bundle_exits_1_and_changes_nothing(
    tmp_path: Path, program: Path, site: Path, keys: tuple[Path, Path], built_db: Path
) -> None:
    data = tmp_path / "data"
    installed = run_packaged(
        program, "catalogue", "update", str(site / "catalogue"), "--key", str(keys[1]), data=data
    )
    assert installed.returncode == 0, installed.stderr
    old = tmp_path / "old"
    published = run(
        "--catalogue", str(built_db), "catalogue", "publish", "--key", str(keys[0]), "--output", str(old),
        data=tmp_path / "publisher",
    )  # fmt: skip
    assert published.returncode == 0, published.stderr
    result = run_packaged(
        program, "catalogue", "update", str(old), "--key", str(keys[1]), "--lang", "en", data=data
    )
    assert result.returncode == 1
    assert "older than the one in use" in one_line_error(result)
    assert zero_pay_name(program, data) == NEW_NAME


def _small_disk() -> None:
    """In the child: files may not grow past 1 MB (as on a nearly full disk); writes beyond fail."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_a_disk_that_fills_up_during_the_download_changes_nothing(
    tmp_path: Path, program: Path, site: Path, keys: tuple[Path, Path]
) -> None:
    data = tmp_path / "data"
    with serve(site) as url:
        result = run_packaged(
            program, "catalogue", "update", url, "--key", str(keys[1]), "--lang", "en",
            data=data, preexec_fn=_small_disk,
        )  # fmt: skip
    assert result.returncode == 2
    line = one_line_error(result)
    assert "Cannot save the download" in line and "the catalogue in use was not changed" in line
    assert not [p.name for p in (data / "catalogues").iterdir() if p.suffix in (".db", ".tmp")]
    assert zero_pay_name(program, data) == "Zero-Pay"


def test_no_bundle_at_the_address(tmp_path: Path, program: Path, keys: tuple[Path, Path]) -> None:
    (tmp_path / "empty").mkdir()
    with serve(tmp_path / "empty") as url:
        result = run_packaged(
            program, "catalogue", "update", url, "--key", str(keys[1]), "--lang", "en", data=tmp_path
        )
    assert result.returncode == 2
    assert "neither latest.json nor manifest.json" in one_line_error(result)
    result = run("catalogue", "update", "ftp://example.org/x", "--lang", "en", data=tmp_path)
    assert result.returncode == 2 and "http:// or https://" in one_line_error(result)


def test_a_file_or_folder_of_the_wrong_kind_is_one_line_naming_it_and_why(
    tmp_path: Path,
    keys: tuple[Path, Path],
    built_db: Path,
    command_line: Callable[..., tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder given for a key, or a file for a folder: the program's own one line (exit 2) saying
    what is wrong with which, not click's usage error, and nothing written."""
    monkeypatch.setenv("EXPLORER_DATA", str(tmp_path / "data"))
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    folder = tmp_path / "keys"
    folder.mkdir()
    catalogue = ("--catalogue", str(built_db))
    cases = [
        (("catalogue", "update", "--key", str(folder), "https://example.org/catalogue/"),
         f"Cannot use the key {folder}: a folder, not a file"),
        ((*catalogue, "catalogue", "publish", "--key", str(folder), "--output", str(tmp_path / "web")),
         f"Cannot use the key {folder}: a folder, not a file"),
        ((*catalogue, "catalogue", "publish", "--key", str(keys[0]), "--output", str(notes)),
         f"Cannot write the bundle in {notes}: it is a file, not a folder"),
        ((*catalogue, "catalogue", "publish", "--key", str(keys[0]), "--output", str(notes / "web")),
         f"Cannot write the bundle in {notes / 'web'}: {notes} is a file, not a folder"),
        (("catalogue", "keygen", "--output", str(notes)),
         f"Cannot write the keys in {notes}: it is a file, not a folder"),
    ]  # fmt: skip
    for args, line in cases:
        assert command_line(*args, "--lang", "en") == (2, f"explorer: {line}\n"), args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys", "notes.txt"]
    assert notes.read_text(encoding="utf-8") == "mine" and not any(folder.iterdir())


def test_kiosk_check_reports_the_update_keys_and_checks_the_key(
    tmp_path: Path, keys: tuple[Path, Path], command_line: Callable[..., tuple[int, str]]
) -> None:
    from explorer.core.bundle_manifest import key_id, load_public_key

    config = tmp_path / "kiosk.toml"
    url = "https://catalogue.example.seoul.kr/catalogue/"

    def check(text: str, *lang: str) -> tuple[int, str]:
        config.write_text(text, encoding="utf-8")
        return command_line("kiosk-check", "--config", str(config), *lang)

    def rows(printed: str) -> dict[str, str]:
        return {line.split()[0]: line.split(None, 1)[1] for line in printed.splitlines()[1:]}

    code, printed = check(
        f'update_url = "{url}"\nupdate_key = "{keys[1]}"\nupdate_hours = 6\n', "--lang", "en"
    )
    assert code == 0, printed
    ident = key_id(load_public_key(keys[1]))
    assert rows(printed)["update_url"] == url and rows(printed)["update_hours"] == "6"
    assert rows(printed)["update_key"] == f"{keys[1]} (key {ident})"

    code, printed = check("", "--lang", "en")  # the defaults
    assert code == 0 and rows(printed)["update_url"].startswith("not set")
    assert rows(printed)["update_key"] == "not set (the keys the program carries)"
    assert rows(printed)["update_hours"] == "4 (not used without update_url)"

    # A file that is not a public key (here the private key) is one line, exit 2, nothing else printed.
    code, printed = check(f'update_url = "{url}"\nupdate_key = "{keys[0]}"\n', "--lang", "en")
    assert (code, printed) == (
        2,
        f"explorer: The kiosk configuration {config}: update_key: {keys[0]} is not an Ed25519 public key;"
        " newer catalogues cannot be checked\n",
    )
    code, printed = check(f'update_key = "{keys[0]}"\n')  # Korean by default
    assert code == 2 and printed.count("\n") == 1 and "Ed25519 공개 키가 아닙니다" in printed, printed
