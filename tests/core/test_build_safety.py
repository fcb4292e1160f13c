"""Building never destroys: what may be replaced, temporary files, killed and concurrent builds,
a full disk, the catalogue's mode, and `db check` on a catalogue that is stale and cannot be rebuilt.

Everything here builds real catalogues from the real sources into temporary folders; killed and
concurrent builds are real processes.
"""

from __future__ import annotations

import dataclasses
import fcntl
import functools
import hashlib
import os
import select
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.core import build
from explorer.core.build import build_catalogue, check_target, remove_leftovers
from explorer.core.catalog import open_catalogue
from explorer.core.check import check_catalogue_file, check_everything
from explorer.core.errors import CatalogueError
from explorer.core.paths import Paths
from explorer.core.schema_version import SCHEMA_VERSION
from tests.conftest import ROOT


def _state(path: Path) -> tuple[object, ...]:
    """What is at `path`, without following a symbolic link: kind, identity, size, times, content."""
    info = os.lstat(path)
    content: object = None
    if stat.S_ISLNK(info.st_mode):
        content = os.readlink(path)
    elif stat.S_ISREG(info.st_mode):
        content = hashlib.sha256(path.read_bytes()).hexdigest()
    elif stat.S_ISDIR(info.st_mode):
        content = sorted(os.listdir(path))
    return (stat.S_IFMT(info.st_mode), info.st_ino, info.st_size, info.st_mtime_ns, content)


def _temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".services-"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- what is never replaced -------------------------------------------------------------------


def _text_file(path: Path, tmp: Path) -> None:
    path.write_text("my notes\n", encoding="utf-8")


def _empty_file(path: Path, tmp: Path) -> None:
    path.write_bytes(b"")


def _symlink_to_text(path: Path, tmp: Path) -> None:
    (tmp / "precious.txt").write_text("keep me\n", encoding="utf-8")
    path.symlink_to(tmp / "precious.txt")


def _symlink_to_catalogue(path: Path, tmp: Path, built_db: Path) -> None:
    shutil.copyfile(built_db, tmp / "real.db")
    path.symlink_to(tmp / "real.db")


def _dangling_symlink(path: Path, tmp: Path) -> None:
    path.symlink_to(tmp / "nowhere.db")


def _folder(path: Path, tmp: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("x", encoding="utf-8")


def _fifo(path: Path, tmp: Path) -> None:
    os.mkfifo(path)


def _other_sqlite(path: Path, tmp: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
    conn.execute("INSERT INTO accounts (owner) VALUES ('someone')")
    conn.commit()
    conn.close()


def _other_sqlite_with_meta(path: Path, tmp: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '5'), ('built_by', 'another-tool 2.0')")
    conn.commit()
    conn.close()


REFUSED: list[tuple[str, Callable[..., None], str]] = [
    ("text file", _text_file, "is not a catalogue (it is not an SQLite database)"),
    ("empty file", _empty_file, "is an empty file"),
    ("symlink to a text file", _symlink_to_text, "is a symbolic link"),
    ("symlink to a catalogue", _symlink_to_catalogue, "is a symbolic link"),
    ("dangling symlink", _dangling_symlink, "is a symbolic link"),
    ("folder", _folder, "is a folder"),
    ("FIFO", _fifo, "is a FIFO"),
    ("another program's database", _other_sqlite, "another program's SQLite database"),
    ("another program's meta table", _other_sqlite_with_meta, "another program's SQLite database"),
]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(("name", "make", "expected"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_build_never_replaces_what_is_not_a_catalogue(
    tmp_path: Path, repo_paths: Paths, built_db: Path, name: str, make, expected: str, force: bool
) -> None:
    target = tmp_path / "out.db"
    if make is _symlink_to_catalogue:
        make(target, tmp_path, built_db)
    else:
        make(target, tmp_path)
    before = _state(target)
    around = {p.name: _state(p) for p in tmp_path.iterdir() if p != target}
    with pytest.raises(CatalogueError) as exc:
        build_catalogue(repo_paths.sources, target, repo_paths.seeds, force=force)
    message = exc.value.message
    assert expected in message, (name, message)
    assert "\n" not in message and str(target) in message
    assert _state(target) == before, f"{name}: the thing at the target was changed"
    assert {p.name: _state(p) for p in tmp_path.iterdir() if p != target} == around
    assert _temporaries(tmp_path) == []


def test_a_socket_is_never_replaced(tmp_path: Path, repo_paths: Paths) -> None:
    target = tmp_path / "s.db"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(target))
        with pytest.raises(CatalogueError, match="is a socket"):
            build_catalogue(repo_paths.sources, target, repo_paths.seeds, force=True)
        assert stat.S_ISSOCK(os.lstat(target).st_mode)
    finally:
        server.close()


def test_dev_null_is_refused_before_anything_is_written() -> None:
    # check_target only looks (lstat); it is what build_catalogue asks before writing anything.
    for force in (False, True):
        with pytest.raises(CatalogueError, match="is a device, not a catalogue"):
            check_target(Path("/dev/null"), force=force)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_is_never_replaced_even_by_root(tmp_path: Path, repo_paths: Paths) -> None:
    target = tmp_path / "null"
    os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(CatalogueError, match="is a device"):
        build_catalogue(repo_paths.sources, target, repo_paths.seeds, force=True)
    assert stat.S_ISCHR(os.lstat(target).st_mode)


# --- what may be replaced, and what only with force ---------------------------------------------


def _set_meta(path: Path, key: str, value: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    conn.commit()
    conn.close()


def test_our_catalogue_is_replaced_and_readable_by_others(
    tmp_path: Path, repo_paths: Paths, built_db: Path
) -> None:
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    os.chmod(target, 0o600)
    _set_meta(target, "built_at", "1999-01-01")
    old = os.umask(0o022)
    try:
        result = build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    finally:
        os.umask(old)
    assert result.path == target
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644
    assert check_catalogue_file(target) == []
    assert _temporaries(tmp_path) == []


def test_the_mode_follows_the_umask(tmp_path: Path, repo_paths: Paths) -> None:
    old = os.umask(0o027)
    try:
        build_catalogue(repo_paths.sources, tmp_path / "a.db", repo_paths.seeds)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.db").st_mode) == 0o640


def test_an_older_schema_is_replaced_a_newer_one_only_with_force(
    tmp_path: Path, repo_paths: Paths, built_db: Path
) -> None:
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    _set_meta(target, "schema_version", str(SCHEMA_VERSION - 1))
    build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    assert check_catalogue_file(target) == []

    _set_meta(target, "schema_version", str(SCHEMA_VERSION + 1))
    before = _sha(target)
    with pytest.raises(CatalogueError) as exc:
        build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    assert "made by a newer program" in exc.value.message and "--force" in exc.value.message
    assert _sha(target) == before
    build_catalogue(repo_paths.sources, target, repo_paths.seeds, force=True)
    assert check_catalogue_file(target) == []


def _page_of(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,)).fetchone()[
            0
        ]
    finally:
        conn.close()


def test_a_damaged_catalogue_of_ours_is_replaced_only_with_force(
    tmp_path: Path, repo_paths: Paths, built_db: Path
) -> None:
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    page = _page_of(target, "meta")
    with target.open("r+b") as handle:
        handle.seek((page - 1) * 4096)
        handle.write(b"\xff" * 4096)
    before = _sha(target)
    with pytest.raises(CatalogueError) as exc:
        build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    assert "damaged catalogue of this program" in exc.value.message
    assert "explorer db build --force" in exc.value.message
    assert _sha(target) == before
    build_catalogue(repo_paths.sources, target, repo_paths.seeds, force=True)
    assert check_catalogue_file(target) == []


def test_a_catalogue_without_our_header_and_unreadable_meta_is_never_replaced(
    tmp_path: Path, repo_paths: Paths, built_db: Path
) -> None:
    # Nothing says it is ours (no application id, no readable meta): even force leaves it alone.
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    page = _page_of(target, "meta")
    with target.open("r+b") as handle:
        handle.seek(68)
        handle.write(b"\x00\x00\x00\x00")
        handle.seek((page - 1) * 4096)
        handle.write(b"\xff" * 4096)
    before = _sha(target)
    with pytest.raises(CatalogueError, match="cannot be read"):
        build_catalogue(repo_paths.sources, target, repo_paths.seeds, force=True)
    assert _sha(target) == before


# --- a full disk and other write errors -------------------------------------------------------


def _good_catalogue(tmp_path: Path, built_db: Path) -> tuple[Path, str]:
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    return target, _sha(target)


def test_a_full_disk_is_one_clear_error_and_leaves_nothing(
    tmp_path: Path, repo_paths: Paths, built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, good = _good_catalogue(tmp_path, built_db)
    # SQLite's own "database or disk is full" (SQLITE_FULL), from a file that may not grow.
    monkeypatch.setattr(build, "write_catalogue", functools.partial(build.write_catalogue, max_pages=60))
    with pytest.raises(CatalogueError) as exc:
        build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    assert exc.value.message == f"Cannot write the catalogue {target}: the disk is full"
    assert _sha(target) == good
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database or disk is full"),
        sqlite3.OperationalError("disk I/O error"),
        sqlite3.DatabaseError("database disk image is malformed"),
        OSError(28, "No space left on device"),
        OSError(5, "Input/output error"),
    ],
    ids=["sqlite-full", "sqlite-io", "sqlite-malformed", "enospc", "eio"],
)
def test_any_error_while_writing_is_one_clear_error(
    tmp_path: Path, repo_paths: Paths, built_db: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    target, good = _good_catalogue(tmp_path, built_db)
    original = build._write_vocabulary

    def failing(*args, **kwargs) -> None:
        original(*args, **kwargs)
        raise error

    monkeypatch.setattr(build, "_write_vocabulary", failing)
    with pytest.raises(CatalogueError) as exc:
        build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    message = exc.value.message
    assert message.startswith(f"Cannot write the catalogue {target}: ") and "\n" not in message
    if "full" in str(error) or "No space" in str(error):
        assert message.endswith("the disk is full")
    assert _sha(target) == good
    assert _temporaries(tmp_path) == []


def test_a_failure_while_putting_the_catalogue_in_place_leaves_nothing(
    tmp_path: Path, repo_paths: Paths, built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, good = _good_catalogue(tmp_path, built_db)

    def failing_replace(*args, **kwargs) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(build.os, "replace", failing_replace)
    with pytest.raises(CatalogueError, match=r"\(input/output error\)"):
        build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    assert _sha(target) == good
    assert _temporaries(tmp_path) == []


def test_an_interrupted_build_leaves_nothing(
    tmp_path: Path, repo_paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args, **kwargs) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "_write_vocabulary", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_catalogue(repo_paths.sources, tmp_path / "out.db", repo_paths.seeds)
    assert os.listdir(tmp_path) == []


# --- leftovers of killed builds -----------------------------------------------------------------


def test_leftovers_and_their_journals_are_removed_but_not_other_files(
    tmp_path: Path, repo_paths: Paths
) -> None:
    for name in (".services-dead1.tmp", ".services-dead1.tmp-journal", ".services-gone.tmp-wal"):
        (tmp_path / name).write_bytes(b"x" * 1000)
    (tmp_path / ".services-link.tmp").symlink_to(tmp_path / "keep.txt")
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / ".services-dir.tmp").mkdir()
    result = build_catalogue(repo_paths.sources, tmp_path / "services.db", repo_paths.seeds)
    assert sorted(p.name for p in result.removed) == [".services-dead1.tmp", ".services-gone.tmp-wal"]
    assert _temporaries(tmp_path) == [".services-dir.tmp", ".services-link.tmp"]
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_leftover_that_a_live_build_holds_is_kept(tmp_path: Path) -> None:
    live = tmp_path / ".services-live.tmp"
    live.write_bytes(b"being written")
    fd = os.open(live, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert remove_leftovers(tmp_path) == []
        assert live.exists()
    finally:
        os.close(fd)
    assert remove_leftovers(tmp_path) == [live]
    assert not live.exists()


SLOW_BUILD = """
import sys, time
from pathlib import Path
import explorer.core.build as build

original = build._write_vocabulary

def slow(*args, **kwargs):
    original(*args, **kwargs)
    print("writing", flush=True)
    time.sleep(300)

build._write_vocabulary = slow
build.build_catalogue(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
"""


def _start_slow_build(paths: Paths, target: Path) -> subprocess.Popen[str]:
    """A real build in another process, stopped in the middle of writing its temporary file."""
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(paths.sources), str(target), str(paths.seeds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 120)
    assert ready and process.stdout.readline().strip() == "writing", process.stderr and process.stderr.read()
    return process


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_a_leftover_that_the_next_build_removes(
    tmp_path: Path, repo_paths: Paths, built_db: Path, sig: signal.Signals
) -> None:
    target, good = _good_catalogue(tmp_path, built_db)
    process = _start_slow_build(repo_paths, target)
    try:
        leftovers = _temporaries(tmp_path)
        assert len(leftovers) == 1 and leftovers[0].endswith(".tmp")
        # While it runs, another build leaves its file alone and still succeeds.
        result = build_catalogue(repo_paths.sources, target, repo_paths.seeds)
        assert result.removed == []
        assert _temporaries(tmp_path) == leftovers
    finally:
        process.send_signal(sig)
        process.wait(timeout=60)
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == -sig
    assert _temporaries(tmp_path) == leftovers, "the killed build left its temporary file"
    assert (tmp_path / leftovers[0]).stat().st_size > 0
    assert check_catalogue_file(target) == [], "the good catalogue survived"

    result = build_catalogue(repo_paths.sources, target, repo_paths.seeds)
    assert [p.name for p in result.removed] == leftovers
    assert _temporaries(tmp_path) == []
    assert check_catalogue_file(target) == []
    assert good  # the earlier good catalogue was replaced only by a checked one


def _replaced_while_looked_at(
    monkeypatch: pytest.MonkeyPatch, target: Path, good: Path, times: int | None
) -> list[int]:
    """Make another build's catalogue take `target`'s place each time the check opens it, `times`
    times (None: every time), as a build in another process does between the check's two looks."""
    from explorer.core import build_target

    opened: list[int] = []
    real_open = os.open

    def open_after_a_swap(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == target and (times is None or len(opened) < times):
            opened.append(1)
            swap = target.with_name("swap.db")
            shutil.copyfile(good, swap)
            os.replace(swap, target)  # a new file (a new inode) where the check is looking
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_target.os, "open", open_after_a_swap)
    return opened


def test_a_catalogue_replaced_while_it_is_checked_is_looked_at_again(
    tmp_path: Path, built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build in another process may put its catalogue in place between this build's two looks at
    the file (its kind, then its header): the new file is looked at again, not called a change."""
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    opened = _replaced_while_looked_at(monkeypatch, target, built_db, times=2)
    check_target(target)
    assert len(opened) == 2


def test_a_catalogue_that_keeps_changing_is_one_clear_line(
    tmp_path: Path, built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    _replaced_while_looked_at(monkeypatch, target, built_db, times=None)
    with pytest.raises(CatalogueError) as refused:
        check_target(target)
    assert refused.value.message == f"{target} changed while it was being looked at; try again"


@pytest.mark.slow
def test_four_concurrent_builds_all_succeed(tmp_path: Path) -> None:
    target = tmp_path / "services.db"
    command = [sys.executable, "-m", "explorer", "--lang", "en", "db", "build", "--output", str(target)]
    env = {k: v for k, v in os.environ.items() if k != "EXPLORER_DEBUG"}
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert out.startswith(f"Built {target}")
    assert check_catalogue_file(target) == []
    assert _temporaries(tmp_path) == []
    with open_catalogue(target) as catalogue:
        assert catalogue.service_ids()


# --- db check: stale and not rebuildable --------------------------------------------------------


def _change_sources(paths: Paths) -> None:
    path = paths.sources / "services" / "zero-pay.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('ko = "제로페이"', 'ko = "제로페이 결제"', 1), encoding="utf-8")


def test_check_reports_a_stale_catalogue_that_could_not_be_rebuilt(source_copy: Paths) -> None:
    build_catalogue(source_copy.sources, source_copy.catalogue, source_copy.seeds)
    assert check_everything(source_copy) == []
    _change_sources(source_copy)
    problems = check_everything(
        source_copy, rebuild_error="Cannot write the catalogue in /x: Read-only file system"
    )
    assert problems == [
        f"{source_copy.catalogue}: out of date: it was built from other sources than those in "
        f"{source_copy.sources}, and it could not be rebuilt "
        "(Cannot write the catalogue in /x: Read-only file system)"
    ]


def test_check_names_a_read_only_folder(source_copy: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    build_catalogue(source_copy.sources, source_copy.catalogue, source_copy.seeds)
    _change_sources(source_copy)
    folder = source_copy.catalogue.parent
    if os.geteuid() == 0:
        # Root may write into any folder, so the kernel's answer for an ordinary account is given
        # here instead: the folder (and only it) is not writable.
        real_access = os.access

        def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
            if Path(str(path)) == folder and mode & os.W_OK:
                return False
            return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)
    folder.chmod(0o555)
    try:
        problems = check_everything(source_copy)
    finally:
        folder.chmod(0o755)
    assert problems and "out of date" in problems[-1] and "is not writable" in problems[-1]


def test_db_check_does_not_say_ok_for_a_stale_catalogue_it_cannot_rebuild(
    tmp_path: Path, source_copy: Paths
) -> None:
    # The program's catalogue is a symbolic link to a good catalogue: it reads fine, but a build
    # never replaces a link, so once the sources change it cannot be brought up to date.
    real = tmp_path / "real.db"
    build_catalogue(source_copy.sources, real, source_copy.seeds)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    _change_sources(source_copy)
    env = dict(
        os.environ,
        EXPLORER_CATALOGUE=str(link),
        EXPLORER_SOURCES=str(source_copy.sources),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("EXPLORER_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--lang", "en", "db", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "OK" not in result.stdout
    assert f"{link}: out of date" in result.stdout
    assert "Traceback" not in result.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "explorer", "--lang", "en", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert listed.returncode == 2 and "is a symbolic link" in listed.stderr
    assert os.path.islink(link) and check_catalogue_file(real) == []


def test_a_catalogue_built_before_digests_is_rebuilt(paths: Paths) -> None:
    from explorer.core.refresh import needs_build

    conn = sqlite3.connect(paths.catalogue)
    conn.execute("DELETE FROM meta WHERE key = 'content_digest'")
    conn.commit()
    conn.close()
    assert any("no content digest" in p for p in check_catalogue_file(paths.catalogue))
    assert needs_build(dataclasses.replace(paths, managed=True))
