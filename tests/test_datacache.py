"""The on-disk cache of data derived from other packages (rules/datacache.py)."""
import os

import pytest

from mssnews.rules import datacache


VALUE = {"given": frozenset({"Piotr", "Sotaro"}), "titles": {"Judge": "official"},
         "cldr": ({"zloty": "PLN"}, frozenset({"PLN"})), "n": [1, None, "x"]}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MSSNEWS_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_value_comes_back_from_disk_as_it_was_built(folder):
    calls = []
    build = lambda: (calls.append(1), VALUE)[1]  # noqa: E731
    assert datacache.cached("t", build) == VALUE
    again = datacache.cached("t", build)
    assert calls == [1] and again == VALUE
    assert type(again["given"]) is frozenset and type(again["cldr"]) is tuple
    [file] = folder.iterdir()
    assert file.name.startswith("t-") and file.suffix == ".json"


def test_the_cached_name_and_currency_data_equal_the_derived(folder):
    from mssnews.rules import currencies, namedata

    derived = namedata.derive_name_lists()
    assert datacache.cached("names", namedata.derive_name_lists) == derived  # (built, written)
    assert datacache.cached("names", lambda: pytest.fail("built again")) == derived  # (read back)
    assert "Piotr" in derived["given"] and "Fort Collins" in derived["places"]
    cldr = currencies._derive_cldr()
    datacache.cached("currencies", currencies._derive_cldr)
    assert datacache.cached("currencies", lambda: pytest.fail("built again")) == cldr


def test_a_damaged_cache_file_is_built_again_in_silence(folder, capsys):
    datacache.cached("t", lambda: VALUE)
    [file] = folder.iterdir()
    file.write_text('{"frozenset": [1, ', encoding="utf-8")
    assert datacache.cached("t", lambda: {"fresh": 1}) == {"fresh": 1}
    assert datacache.cached("t", lambda: pytest.fail("built again")) == {"fresh": 1}
    assert capsys.readouterr() == ("", "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_an_unwritable_cache_folder_costs_only_the_time(tmp_path, monkeypatch):
    tmp_path.chmod(0o500)
    monkeypatch.setenv("MSSNEWS_CACHE_DIR", str(tmp_path / "sub"))
    try:
        assert datacache.cached("t", lambda: VALUE) == VALUE
        assert not (tmp_path / "sub").exists()
    finally:
        tmp_path.chmod(0o700)


def test_a_file_in_the_cache_place_costs_only_the_time(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("MSSNEWS_CACHE_DIR", str(tmp_path / "file" / "sub"))
    assert datacache.cached("t", lambda: VALUE) == VALUE


@pytest.mark.parametrize("setting", ["off", "", "0"])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("MSSNEWS_CACHE_DIR", setting)
    monkeypatch.chdir(tmp_path)
    calls = []
    for _ in range(2):
        datacache.cached("t", lambda: (calls.append(1), VALUE)[1])
    assert calls == [1, 1] and list(tmp_path.iterdir()) == []


def test_the_default_place_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("MSSNEWS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert datacache.cache_dir() == tmp_path / "mssnews"


def test_another_version_of_a_source_package_makes_another_key(monkeypatch):
    from importlib import metadata

    datacache._key.cache_clear()
    first = datacache._key()
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == "babel" else real(name))
    datacache._key.cache_clear()
    try:
        assert datacache._key() != first
    finally:
        monkeypatch.undo()
        datacache._key.cache_clear()
    assert datacache._key() == first
