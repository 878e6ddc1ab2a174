"""Finding 7: symbolic links are not followed outside the data folder.

On main, `rglob` followed links: a link named `x.csv` pointing at `/etc/passwd` was
hashed and handed to the reader (and its contents could surface in quarantine rows).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gwr.inputs
from gwr.ingest import read_spreadsheets
from gwr.inputs import discover


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "spreadsheets" / "巴中市").mkdir(parents=True)
    return data


def test_a_link_leaving_the_data_folder_is_quarantined_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red on main: the link's target (a file outside the data folder) was read."""
    data = _data(tmp_path)
    secret = tmp_path / "secret.csv"
    secret.write_text("指标,完成值\n口令,123456\n", encoding="utf-8")
    link = data / "spreadsheets" / "巴中市" / "市统计局_2024年1-6月.csv"
    link.symlink_to(secret)
    (data / "reports" / "passwd.txt").symlink_to("/etc/passwd")

    opened: list[Path] = []
    real = gwr.inputs.sha256_file
    monkeypatch.setattr(gwr.inputs, "sha256_file", lambda p: opened.append(p) or real(p))
    files = {f.rel_path: f for f in discover(data)}
    assert opened == []  # neither target was read, not even to hash it
    for rel in ("spreadsheets/巴中市/市统计局_2024年1-6月.csv", "reports/passwd.txt"):
        assert "outside the data folder" in (files[rel].problem or "")
    result = read_spreadsheets(files.values(), None)
    assert result.rows.empty
    assert "123456" not in result.quarantine.to_string()


def test_a_link_to_a_folder_is_not_followed(tmp_path: Path) -> None:
    """Red on main: a link to a folder outside was walked like a folder of the data."""
    data = _data(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "市统计局_2024年1-6月.csv").write_text("指标,完成值\nGDP,1\n", encoding="utf-8")
    (data / "spreadsheets" / "达州市").symlink_to(outside, target_is_directory=True)
    (found,) = discover(data)
    assert found.rel_path == "spreadsheets/达州市"
    assert "not followed" in (found.problem or "")


def test_a_link_inside_the_data_folder_is_read(tmp_path: Path) -> None:
    """A link whose target stays inside the data folder is an ordinary input."""
    data = _data(tmp_path)
    real = data / "spreadsheets" / "巴中市" / "市统计局_2024年1-6月.csv"
    real.write_text("指标,单位,完成值\n地区生产总值,亿元,401.37\n", encoding="utf-8")
    (data / "spreadsheets" / "巴中市" / "市统计局_2024年上半年.csv").symlink_to(real.name)
    files = discover(data)
    assert [f.problem for f in files] == [None, None]
    assert files[0].document_id == files[1].document_id


def test_a_broken_link_is_reported_as_such(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / "spreadsheets" / "巴中市" / "x.csv").symlink_to("gone.csv")
    (found,) = discover(data)
    assert found.problem == "broken symbolic link (to gone.csv)"


def test_the_input_folder_itself_may_be_a_link_to_a_mount(tmp_path: Path) -> None:
    """`spreadsheets/` linked to a mounted folder is configuration: its files are read."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    mount = tmp_path / "mnt" / "sheets"
    (mount / "巴中市").mkdir(parents=True)
    (mount / "巴中市" / "市统计局_2024年1-6月.csv").write_text("指标,完成值\nGDP,1\n", "utf-8")
    (data / "spreadsheets").symlink_to(mount, target_is_directory=True)
    (found,) = discover(data)
    assert found.problem is None
    assert found.rel_path == "spreadsheets/巴中市/市统计局_2024年1-6月.csv"
