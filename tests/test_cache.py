"""The compiled-lexicon cache: trusted only when only this user could have written it."""

from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from dikkevandale.lexicon.layers import COMMAND_LINE, Layer
from dikkevandale.matching import cache
from dikkevandale.matching.index import Index

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "cache"
    monkeypatch.setenv("DVD_CACHE_DIR", str(place))
    return place


@pytest.fixture
def layers(lexicon_file: Path) -> list[Layer]:
    return [Layer(COMMAND_LINE, (lexicon_file,))]


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.index"))


def test_an_entry_is_written_private_and_read_back(folder: Path, layers: list[Layer]) -> None:
    first = cache.load_index(layers)
    (entry,) = entries(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "key").stat().st_mode) == 0o600
    second = cache.load_index(layers)
    assert pickle.dumps(second) == pickle.dumps(first)


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-ran",))


def test_a_planted_pickle_is_never_run(
    folder: Path, layers: list[Layer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load_index(layers)
    (entry,) = entries(folder)
    entry.write_bytes(pickle.dumps(_Planted()))
    monkeypatch.chdir(tmp_path)
    index = cache.load_index(layers)
    assert isinstance(index, Index)
    assert not (tmp_path / "planted-ran").exists()


def test_a_signed_looking_entry_with_a_wrong_tag_is_a_miss(
    folder: Path, layers: list[Layer]
) -> None:
    cache.load_index(layers)
    (entry,) = entries(folder)
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF  # an edited byte in the pickle: the HMAC no longer fits
    entry.write_bytes(bytes(data))
    index = cache.load_index(layers)
    assert isinstance(index, Index)
    assert entries(folder)  # rewritten after the miss
    assert entries(folder)[0].read_bytes() != bytes(data)


@pytest.mark.parametrize("junk", [b"", b"\x80\x09junk", b"dvd-index\x00" + b"x" * 40])
def test_a_corrupt_entry_is_removed_and_rebuilt(
    folder: Path, layers: list[Layer], junk: bytes
) -> None:
    cache.load_index(layers)
    (entry,) = entries(folder)
    entry.write_bytes(junk)
    assert isinstance(cache.load_index(layers), Index)
    assert entry.read_bytes() != junk


def test_a_folder_others_may_write_is_not_used_and_said_once(
    folder: Path, layers: list[Layer]
) -> None:
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    said: list[str] = []
    cache.load_index(layers, notice=said.append)
    cache.load_index(layers, notice=said.append)
    assert entries(folder) == []
    assert len(said) == 1
    assert "not using the lexicon cache" in said[0]


def test_a_key_others_may_read_is_not_used(folder: Path, layers: list[Layer]) -> None:
    cache.load_index(layers)
    (folder / "key").chmod(0o644)
    said: list[str] = []
    cache._warned.clear()
    cache.load_index(layers, notice=said.append)
    assert said and "key file" in said[0]


def test_the_cache_keeps_a_bounded_number_of_entries(
    folder: Path, tmp_path: Path, lexicon_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for number in range(6):
        variant = tmp_path / f"v{number}.yaml"
        variant.write_text(lexicon_file.read_text("utf-8") + f"# {number}\n", "utf-8")
        cache.load_index([Layer(COMMAND_LINE, (variant,))])
        time.sleep(0.01)  # distinct modification times
    assert len(entries(folder)) == 3


def test_info_and_clear(folder: Path, layers: list[Layer]) -> None:
    cache.load_index(layers)
    info = cache.cache_info()
    assert info.folder == folder and info.entries == 1 and info.size > 0
    assert cache.clear_cache() == 1
    assert cache.cache_info().entries == 0


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DVD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    found = cache.cache_dir()
    assert found is not None and found.is_absolute()
    assert "relative" not in str(found)


def test_a_slow_compile_is_announced_once(
    folder: Path, layers: list[Layer], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = cache._compile

    def slow(contents: list[list[tuple[Path, bytes]]], *announcer: Any) -> Index:
        time.sleep(0.3)
        return real(contents, *announcer)

    monkeypatch.setattr(cache, "_compile", slow)
    monkeypatch.setattr(cache, "NOTICE_AFTER", 0.05)
    said: list[str] = []
    cache.load_index(layers, notice=said.append)
    assert len(said) == 1 and "compiling 1 lexicon file" in said[0]
    cache.load_index(layers, notice=said.append)  # warm: nothing to say
    assert len(said) == 1


def test_the_cli_shows_and_clears_the_cache(folder: Path, lexicon_file: Path) -> None:
    from helpers import invoke

    invoke("translate", "--no-builtin", "-l", str(lexicon_file), "--to", "it", "de koppeling")
    shown = invoke("cache", "info").stdout
    assert str(folder) in shown and "entries: 1" in shown
    assert "removed 1 cache entry" in invoke("cache", "clear").stderr
    assert "entries: 0" in invoke("cache", "info").stdout
