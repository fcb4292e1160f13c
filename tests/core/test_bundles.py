"""Signed catalogue bundles with real catalogues, real Ed25519 keys and a real local web server.

Every fault is injected into real files or a real process (a bundle cut off, a byte flipped, another
key, no signature, an older or other-schema catalogue, a write error, a process killed at each step
of the swap); after each, the machine still has a catalogue that opens, and it is the one before.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.core import bundle_fetch, bundle_store, bundles
from explorer.core.build import build_catalogue
from explorer.core.bundle_manifest import (
    INDEX_NAME,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    BundleError,
    NotNewerError,
    generate_key_pair,
    load_private_key,
    load_public_key,
    sign,
)
from explorer.core.bundle_store import STEPS, Store, newest_catalogue
from explorer.core.catalog import open_catalogue
from explorer.core.paths import Paths
from tests.bundle_helpers import QuietHandler, serve
from tests.conftest import ROOT

# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def key_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real key pair, made as `explorer catalogue keygen` makes it (private key only in tmp)."""
    private, public, _id = generate_key_pair(tmp_path_factory.mktemp("keys"))
    return private, public


@pytest.fixture(scope="session")
def other_key_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    private, public, _id = generate_key_pair(tmp_path_factory.mktemp("other-keys"))
    return private, public


@pytest.fixture(scope="session")
def newer_db(tmp_path_factory: pytest.TempPathFactory, repo_paths: Paths, built_db: Path) -> Path:
    """The real catalogue built again, after `built_db`: a newer version of it."""
    path = tmp_path_factory.mktemp("newer") / "services.db"
    build_catalogue(repo_paths.sources, path, repo_paths.seeds)
    return path


@pytest.fixture(scope="session")
def newest_db(tmp_path_factory: pytest.TempPathFactory, repo_paths: Paths, newer_db: Path) -> Path:
    path = tmp_path_factory.mktemp("newest") / "services.db"
    build_catalogue(repo_paths.sources, path, repo_paths.seeds)
    return path


@pytest.fixture
def bundled(tmp_path: Path, built_db: Path) -> Path:
    """The catalogue that came with the program (the older one)."""
    target = tmp_path / "program" / "services.db"
    target.parent.mkdir()
    shutil.copyfile(built_db, target)
    return target


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "catalogues")


@pytest.fixture
def keys(key_pair: tuple[Path, Path]) -> list:
    return [load_public_key(key_pair[1])]


class _CutOffHandler(QuietHandler):
    """Serves every catalogue file cut off half-way: the length promised, half sent, connection closed."""

    def do_GET(self) -> None:
        if not self.path.endswith("/services.db"):
            super().do_GET()
            return
        data = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True


#: How long the slow servers below keep a connection at most (far past the deadline the tests set).
SLOW_SECONDS = 8.0


class _TrickleHandler(QuietHandler):
    """Serves every catalogue file a byte every 0.1 s (for at most SLOW_SECONDS): never silent for
    long, never done."""

    def do_GET(self) -> None:
        if not self.path.endswith("/services.db"):
            super().do_GET()
            return
        data = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        until = time.monotonic() + SLOW_SECONDS
        with contextlib.suppress(OSError):
            for byte in data:
                if time.monotonic() > until:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        self.close_connection = True


class _StallHandler(QuietHandler):
    """Sends every catalogue file's headers, then nothing (for SLOW_SECONDS), then hangs up."""

    def do_GET(self) -> None:
        if not self.path.endswith("/services.db"):
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(Path(self.translate_path(self.path)).stat().st_size))
        self.end_headers()
        self.wfile.flush()
        time.sleep(SLOW_SECONDS)
        self.close_connection = True


@pytest.fixture
def site(tmp_path: Path, key_pair: tuple[Path, Path], newer_db: Path) -> Path:
    """A published folder offering the newer catalogue."""
    folder = tmp_path / "site"
    bundles.publish(newer_db, key_pair[0], folder)
    return folder


def bundle_of(site: Path) -> Path:
    return site / json.loads((site / INDEX_NAME).read_text())["version"]


def resign(bundle: Path, private_key: Path, **changes: object) -> None:
    """Change the manifest and sign it again with `private_key` (a publisher's own mistake)."""
    manifest = json.loads((bundle / MANIFEST_NAME).read_text())
    manifest.update(changes)
    data = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    (bundle / MANIFEST_NAME).write_bytes(data)
    (bundle / SIGNATURE_NAME).write_bytes(sign(load_private_key(private_key), data))


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def assert_still_usable(store: Store, bundled: Path, expected: Path) -> None:
    """The machine has a working catalogue, the expected one, and no half-written file is in use."""
    choice = newest_catalogue(store.folder, bundled)
    assert choice.path == expected
    with open_catalogue(choice.path) as catalogue:
        assert "zero-pay" in catalogue.service_ids()


def leftovers(store: Store) -> list[str]:
    if not store.folder.exists():
        return []
    return sorted(p.name for p in store.folder.iterdir() if p.name.startswith(".incoming-"))


# --- publish and update ----------------------------------------------------------------------------


def test_publish_then_update_over_http_makes_the_new_catalogue_the_one_used(
    site: Path, store: Store, bundled: Path, keys: list, newer_db: Path
) -> None:
    assert newest_catalogue(store.folder, bundled).path == bundled
    with serve(site) as url:
        result = bundles.update(url, store, bundled, keys)
    assert result.installed
    choice = newest_catalogue(store.folder, bundled)
    assert choice.is_update and choice.path.parent == store.folder
    assert choice.path.read_bytes() == newer_db.read_bytes()
    assert choice.installed is not None and choice.installed.source == url
    with open_catalogue(choice.path) as catalogue:
        assert "zero-pay" in catalogue.service_ids()
    # The same bundle again: nothing to do, and it says so.
    with serve(site) as url:
        again = bundles.update(url, store, bundled, keys)
    assert not again.installed


def test_update_from_a_folder_like_a_usb_stick(site: Path, store: Store, bundled: Path, keys: list) -> None:
    assert bundles.update(str(site), store, bundled, keys).installed
    assert newest_catalogue(store.folder, bundled).is_update


def test_a_bundle_folder_or_its_manifest_can_be_given_directly(
    site: Path, store: Store, bundled: Path, keys: list
) -> None:
    bundle = bundle_of(site)
    assert bundles.update(str(bundle / MANIFEST_NAME), store, bundled, keys).installed
    with serve(bundle) as url:
        assert not bundles.update(url, store, bundled, keys).installed  # the same version


def test_publish_refuses_to_move_latest_back_to_an_older_catalogue(
    site: Path, key_pair: tuple[Path, Path], built_db: Path
) -> None:
    before = (site / INDEX_NAME).read_bytes()
    with pytest.raises(BundleError, match="already offers a newer catalogue"):
        bundles.publish(built_db, key_pair[0], site)
    assert (site / INDEX_NAME).read_bytes() == before


def test_keygen_never_overwrites_and_keeps_the_private_key_private(tmp_path: Path) -> None:
    private, public, _id = generate_key_pair(tmp_path)
    assert private.stat().st_mode & 0o777 == 0o600
    before = private.read_bytes()
    with pytest.raises(BundleError, match="never overwritten"):
        generate_key_pair(tmp_path)
    assert private.read_bytes() == before and public.exists()


def test_a_published_bundle_can_be_served_by_a_web_server_running_as_another_user(
    tmp_path: Path, built_db: Path
) -> None:
    """nginx runs as www-data, not as whoever published: every folder must be enterable by all and
    every file readable by all (the bundle's folder was the publisher's alone, 0700, and the server
    answered 404 for its manifest)."""
    private, _public, _id = generate_key_pair(tmp_path / "keys")
    published = bundles.publish(built_db, private, tmp_path / "site")
    for path in [published.folder, *published.folder.iterdir(), tmp_path / "site" / "latest.json"]:
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = 0o005 if path.is_dir() else 0o004  # others may read (and enter a folder)
        assert mode & wanted == wanted, f"{path.name}: {oct(mode)}"


def test_publish_refuses_a_private_key_others_can_read(tmp_path: Path, built_db: Path) -> None:
    private, _public, _id = generate_key_pair(tmp_path / "keys")
    private.chmod(0o644)
    with pytest.raises(BundleError, match="chmod 600"):
        bundles.publish(built_db, private, tmp_path / "site")
    assert not (tmp_path / "site").exists()


# --- faults: each refused with one line, and the catalogue before stays in use ----------------------


def _truncate(bundle: Path, key: Path) -> None:
    db = bundle / "services.db"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def _flip_db(bundle: Path, key: Path) -> None:
    flip_byte(bundle / "services.db", 3_000_000)


def _flip_manifest(bundle: Path, key: Path) -> None:
    text = (bundle / MANIFEST_NAME).read_text()
    (bundle / MANIFEST_NAME).write_text(text.replace('"size": 5', '"size": 6', 1))


def _unsigned(bundle: Path, key: Path) -> None:
    (bundle / SIGNATURE_NAME).unlink()


def _garbled_signature(bundle: Path, key: Path) -> None:
    (bundle / SIGNATURE_NAME).write_text("not base64 at all!\n")


def _other_schema_in_manifest(bundle: Path, key: Path) -> None:
    resign(bundle, key, schema_version=6)


def _other_schema_in_file(bundle: Path, key: Path) -> None:
    db = bundle / "services.db"
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    data = db.read_bytes()
    resign(bundle, key, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def _damaged_before_signing(bundle: Path, key: Path) -> None:
    """A catalogue damaged on the publishing machine, then signed: the signature is fine, the file not."""
    db = bundle / "services.db"
    data = bytearray(db.read_bytes())
    page = 4096 * 100
    data[page : page + 4096] = bytes(4096)  # one page of the tables lost
    db.write_bytes(bytes(data))
    resign(bundle, key, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def _a_terabyte(bundle: Path, key: Path) -> None:
    resign(bundle, key, size=1 << 40)


def _negative_size(bundle: Path, key: Path) -> None:
    resign(bundle, key, size=-1)


FAULTS = {
    "truncated": (_truncate, "cut off"),
    "a byte flipped in the catalogue": (_flip_db, "does not match its signed SHA-256"),
    "a byte changed in the manifest": (_flip_manifest, "does not match its signature"),
    "unsigned": (_unsigned, "is not signed"),
    "a garbled signature": (_garbled_signature, "damaged signature file"),
    "another schema version (manifest)": (_other_schema_in_manifest, "schema version 6, but this program"),
    "another schema version (file)": (_other_schema_in_file, "schema version 6, but this program"),
    "damaged before signing": (_damaged_before_signing, "cannot be used"),
    "a size of a terabyte, signed": (_a_terabyte, r"size is over the limit of 1,073,741,824 bytes \(1 GiB\)"),
    "a negative size, signed": (_negative_size, "size is a negative number"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_bad_bundle_is_refused_and_the_catalogue_in_use_stays(
    fault: str, site: Path, store: Store, bundled: Path, keys: list, key_pair: tuple[Path, Path]
) -> None:
    tamper, message = FAULTS[fault]
    tamper(bundle_of(site), key_pair[0])
    with serve(site) as url, pytest.raises(BundleError, match=message) as refused:
        bundles.update(url, store, bundled, keys)
    assert "\n" not in str(refused.value)
    assert_still_usable(store, bundled, bundled)
    assert leftovers(store) == []


def test_a_bundle_signed_with_another_key_is_refused_naming_both_keys(
    tmp_path: Path, store: Store, bundled: Path, keys: list, other_key_pair: tuple[Path, Path], newer_db: Path
) -> None:
    site = tmp_path / "site"
    bundles.publish(newer_db, other_key_pair[0], site)
    with pytest.raises(BundleError, match=r"signed with key [0-9a-f]{16}, not one this program trusts"):
        bundles.update(str(site), store, bundled, keys)
    assert_still_usable(store, bundled, bundled)


def test_an_older_bundle_is_refused(
    tmp_path: Path, site: Path, store: Store, bundled: Path, keys: list, key_pair: tuple[Path, Path]
) -> None:
    bundles.update(str(site), store, bundled, keys)
    installed = newest_catalogue(store.folder, bundled).path
    old_site = tmp_path / "old-site"
    bundles.publish(bundled, key_pair[0], old_site)
    with pytest.raises(NotNewerError, match="older than the one in use"):
        bundles.update(str(old_site), store, bundled, keys)
    assert_still_usable(store, bundled, installed)


def test_a_download_cut_off_by_the_server_is_refused(
    site: Path, store: Store, bundled: Path, keys: list
) -> None:
    with serve(site, _CutOffHandler) as url, pytest.raises(BundleError, match="cut off"):
        bundles.update(url, store, bundled, keys)
    assert_still_usable(store, bundled, bundled)
    assert leftovers(store) == []


@pytest.mark.parametrize("handler", [_TrickleHandler, _StallHandler], ids=["trickle", "stall"])
def test_a_server_too_slow_is_given_up_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch, handler: type, site: Path, store: Store, bundled: Path, keys: list
) -> None:
    """The deadline holds against a server that sends a byte now and then, or nothing at all: each
    read waits only for what has arrived, and never past the deadline."""
    monkeypatch.setattr(bundle_fetch, "DEADLINE", 1.0)
    with serve(site, handler) as url:
        started = time.monotonic()
        with pytest.raises(BundleError) as refused:
            bundles.update(url, store, bundled, keys)
        took = time.monotonic() - started
    assert refused.value.message.endswith("/services.db took longer than 1 second; it was given up")
    assert took < 3.0, f"given up after {took:.1f} s, not at the 1 s deadline"
    assert_still_usable(store, bundled, bundled)
    assert leftovers(store) == []


def test_the_deadline_reads_as_a_length_of_time() -> None:
    assert bundle_fetch.duration(bundle_fetch.DEADLINE) == "15 minutes"
    assert bundle_fetch.duration(60) == "1 minute"
    assert bundle_fetch.duration(1) == "1 second"
    assert bundle_fetch.duration(90) == "90 seconds"
    assert bundle_fetch.duration(0.5) == "0.5 seconds"


def test_a_server_that_is_not_there_or_refuses_is_one_line(
    site: Path, store: Store, bundled: Path, keys: list
) -> None:
    with serve(site) as url:
        pass  # the server is gone now
    with pytest.raises(BundleError, match="Cannot download"):
        bundles.update(url, store, bundled, keys)
    with serve(site) as url, pytest.raises(BundleError, match=r"neither latest\.json nor manifest\.json"):
        bundles.update(url + "nothing-here/", store, bundled, keys)
    assert_still_usable(store, bundled, bundled)


def test_a_full_disk_while_downloading_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, site: Path, store: Store, bundled: Path, keys: list
) -> None:
    written = []

    def full_disk(fd: int, data: bytes) -> None:
        if sum(written) > 1_000_000:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.write(fd, data)
        written.append(len(data))

    monkeypatch.setattr(bundle_fetch, "write_all", full_disk)
    with serve(site) as url, pytest.raises(BundleError, match="the disk is full"):
        bundles.update(url, store, bundled, keys)
    assert_still_usable(store, bundled, bundled)
    assert leftovers(store) == []


def test_a_disk_error_writing_the_record_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, site: Path, store: Store, bundled: Path, keys: list
) -> None:
    real_replace = os.replace

    def failing_replace(src: object, dst: object) -> None:
        if str(dst).endswith("state.json"):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(BundleError, match=r"\(input/output error\); the catalogue in use was not changed"):
        bundles.update(str(site), store, bundled, keys)
    monkeypatch.setattr(os, "replace", real_replace)
    assert_still_usable(store, bundled, bundled)
    assert leftovers(store) == []


@pytest.mark.parametrize("step", STEPS)
def test_an_error_at_any_step_of_the_swap_leaves_a_working_catalogue(
    step: str, monkeypatch: pytest.MonkeyPatch, site: Path, store: Store, bundled: Path, keys: list
) -> None:
    def stop(name: str) -> None:
        if name == step:
            raise RuntimeError(f"stopped at {name}")

    monkeypatch.setattr(bundle_store, "checkpoint", stop)
    with pytest.raises(RuntimeError):
        bundles.update(str(site), store, bundled, keys)
    committed = STEPS.index(step) >= STEPS.index("state-written")
    choice = newest_catalogue(store.folder, bundled)
    assert choice.is_update is committed
    assert_still_usable(store, bundled, choice.path)
    monkeypatch.setattr(bundle_store, "checkpoint", lambda name: None)
    result = bundles.update(str(site), store, bundled, keys)
    assert result.installed is not committed
    assert newest_catalogue(store.folder, bundled).is_update
    assert leftovers(store) == []


KILL_SCRIPT = """
import os, signal, sys
from pathlib import Path
from explorer.core import bundle_fetch, bundle_store, bundles
from explorer.core.bundle_manifest import load_public_key

step, source, folder, bundled, key = sys.argv[1:]

def stop(name):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)

bundle_store.checkpoint = stop
bundles.update(source, bundle_store.Store(Path(folder)), Path(bundled), [load_public_key(Path(key))])
"""


@pytest.mark.parametrize("step", STEPS)
def test_a_process_killed_at_any_step_of_the_swap_leaves_a_working_catalogue(
    step: str, site: Path, store: Store, bundled: Path, keys: list, key_pair: tuple[Path, Path]
) -> None:
    with serve(site) as url:
        args = [step, url, str(store.folder), str(bundled), str(key_pair[1])]
        killed = subprocess.run(
            [sys.executable, "-c", KILL_SCRIPT, *args], cwd=ROOT, capture_output=True, timeout=120
        )
        assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
        committed = STEPS.index(step) >= STEPS.index("state-written")
        choice = newest_catalogue(store.folder, bundled)
        assert choice.is_update is committed
        assert_still_usable(store, bundled, choice.path)
        # The next update is not stopped by what the killed one left (its lock went with it).
        assert bundles.update(url, store, bundled, keys).installed is not committed
    assert newest_catalogue(store.folder, bundled).is_update
    assert leftovers(store) == []


def test_one_update_at_a_time(site: Path, store: Store, bundled: Path, keys: list) -> None:
    with store.locked(), pytest.raises(BundleError, match="Another update is running"):
        bundles.update(str(site), store, bundled, keys)
    assert bundles.update(str(site), store, bundled, keys).installed


# --- choosing at start-up, rollback ----------------------------------------------------------------


def _install_two(
    tmp_path: Path, store: Store, bundled: Path, keys: list, private: Path, newer_db: Path, newest_db: Path
) -> tuple[Path, Path]:
    """Publish `newer_db` and `newest_db` and install both in turn: (the second's published folder,
    the first one's installed file, which rollback returns to)."""
    first, second = tmp_path / "first", tmp_path / "second"
    bundles.publish(newer_db, private, first)
    bundles.publish(newest_db, private, second)
    bundles.update(str(first), store, bundled, keys)
    middle = newest_catalogue(store.folder, bundled).path
    bundles.update(str(second), store, bundled, keys)
    return second, middle


def test_rollback_restores_the_previous_catalogue_and_then_the_programs_own(
    tmp_path: Path,
    store: Store,
    bundled: Path,
    keys: list,
    key_pair: tuple[Path, Path],
    newer_db: Path,
    newest_db: Path,
) -> None:
    second, middle = _install_two(tmp_path, store, bundled, keys, key_pair[0], newer_db, newest_db)
    assert newest_catalogue(store.folder, bundled).path.read_bytes() == newest_db.read_bytes()

    left, now = bundles.rollback(store, bundled)
    assert left.version in second.joinpath(INDEX_NAME).read_text()
    assert now.path == middle and now.path.read_bytes() == newer_db.read_bytes()
    assert_still_usable(store, bundled, middle)
    # The version rolled back is not installed again by the next routine update.
    with pytest.raises(BundleError, match="rolled back on this machine"):
        bundles.update(str(second), store, bundled, keys)
    assert_still_usable(store, bundled, middle)

    _left, now = bundles.rollback(store, bundled)
    assert now.path == bundled and not now.is_update
    with pytest.raises(BundleError, match="No update is installed"):
        bundles.rollback(store, bundled)
    assert bundles.update(str(second), store, bundled, keys, allow_rolled_back=True).installed
    assert newest_catalogue(store.folder, bundled).path.read_bytes() == newest_db.read_bytes()


def test_a_damaged_installed_catalogue_falls_back_to_the_previous_then_the_programs_own(
    tmp_path: Path,
    store: Store,
    bundled: Path,
    keys: list,
    key_pair: tuple[Path, Path],
    newer_db: Path,
    newest_db: Path,
) -> None:
    _second, middle = _install_two(tmp_path, store, bundled, keys, key_pair[0], newer_db, newest_db)
    current = newest_catalogue(store.folder, bundled).path
    current.write_bytes(current.read_bytes()[:100_000])  # a disk that lost the end of it
    assert_still_usable(store, bundled, middle)
    middle.write_bytes(b"")
    assert_still_usable(store, bundled, bundled)


def test_a_damaged_record_means_the_programs_own_catalogue(
    site: Path, store: Store, bundled: Path, keys: list
) -> None:
    bundles.update(str(site), store, bundled, keys)
    store.state_path.write_text('{"current": {"version": "../../etc/passwd"')
    assert_still_usable(store, bundled, bundled)
    assert store.read_state().damaged
    # An update writes a good record again.
    store.state_path.unlink()
    assert bundles.update(str(site), store, bundled, keys).installed


def test_a_program_shipped_with_a_newer_catalogue_uses_its_own(
    site: Path, store: Store, bundled: Path, keys: list, newest_db: Path
) -> None:
    bundles.update(str(site), store, bundled, keys)
    shutil.copyfile(newest_db, bundled)  # the program itself was updated, with a newer catalogue
    assert_still_usable(store, bundled, bundled)


def test_the_packaged_program_opens_the_newest_valid_catalogue(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, site: Path, keys: list, built_db: Path
) -> None:
    root = tmp_path / "bundle-folder"
    root.mkdir()
    shutil.copyfile(built_db, root / "services.db")
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    monkeypatch.setenv("EXPLORER_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("EXPLORER_CATALOGUE", raising=False)
    assert Paths.discover().catalogue == root / "services.db"
    store = Store(bundle_store.default_store_folder())
    bundles.update(str(site), store, root / "services.db", keys)
    paths = Paths.discover()
    assert paths.catalogue.parent == store.folder and paths.bundled == root / "services.db"
    assert Paths.discover(catalogue=built_db).catalogue == built_db  # named: opened as it is
    paths.catalogue.write_bytes(b"SQLite format 3\x00 and nothing else")
    assert Paths.discover().catalogue == root / "services.db"


def test_a_checkout_keeps_its_own_catalogue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EXPLORER_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("EXPLORER_CATALOGUE", raising=False)
    paths = Paths.discover()
    assert paths.catalogue == ROOT / "build" / "services.db" == paths.bundled


def test_signature_is_over_the_exact_manifest_bytes(site: Path, key_pair: tuple[Path, Path]) -> None:
    bundle = bundle_of(site)
    raw = base64.b64decode((bundle / SIGNATURE_NAME).read_bytes())
    load_public_key(key_pair[1]).verify(raw, (bundle / MANIFEST_NAME).read_bytes())
