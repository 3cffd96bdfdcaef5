"""A workbook in a OneDrive-synced folder: Excel's Workbook.FullName is then an https:// URL (#22 review, finding 5).

The mapping from that URL to the synced file is pure (``synced_paths``: the environment and the sync client's mount
points in, candidate paths out) and tested on its own; then the ribbon, on xlwings' remote engine, is handed such a
URL for real files under a OneDrive folder made in tmp_path. Not run here: Windows, the OneDrive client, the registry
(HKCU\\Software\\SyncEngines\\Providers\\OneDrive), Excel's COM FullName.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_xl.excel.ribbon import book_file, on_ribbon, synced_paths
from tests.app.test_cli import commune_office
from tests.excel.test_addin import remote_book

HOME = r"C:\Users\van-thu"
ENV = {"OneDriveConsumer": HOME + r"\OneDrive", "OneDrive": HOME + r"\OneDrive",
       "OneDriveCommercial": HOME + r"\OneDrive - Sở TNMT"}


def test_personal_onedrive_maps_under_onedrive_consumer():
    url = "https://d.docs.live.net/4f2a9c1b0d3e/CCHC/2025/Bài nộp/tong-hop.xlsx"
    assert synced_paths(url, ENV, {}) == [Path(ENV["OneDriveConsumer"], "CCHC", "2025", "Bài nộp", "tong-hop.xlsx")]
    escaped = "https://d.docs.live.net/4f2a9c1b0d3e/CCHC/B%C3%A0i%20n%E1%BB%99p/tong-hop.xlsx?web=1"
    assert synced_paths(escaped, ENV, {}) == [Path(ENV["OneDrive"], "CCHC", "Bài nộp", "tong-hop.xlsx")]
    assert synced_paths(url, {"OneDrive": r"D:\OD"}, {})[0] == Path(r"D:\OD", "CCHC", "2025", "Bài nộp",
                                                                     "tong-hop.xlsx"), "older clients: %OneDrive%"


def test_onedrive_for_work_maps_under_onedrive_commercial():
    url = "https://sotnmt-my.sharepoint.com/personal/vanthu_sotnmt_gov_vn/Documents/CCHC/phòng kinh tế.xlsx"
    assert synced_paths(url, ENV, {}) == [Path(ENV["OneDriveCommercial"], "CCHC", "phòng kinh tế.xlsx")]
    namespace = "https://sotnmt-my.sharepoint.com/personal/vanthu_sotnmt_gov_vn/Documents/"
    assert synced_paths(url, {}, {namespace: r"E:\OneDrive - So"}) == [Path(r"E:\OneDrive - So", "CCHC",
                                                                             "phòng kinh tế.xlsx")], \
        "no environment variable: the sync client's mount point of the same account"


def test_a_sharepoint_library_maps_under_its_mount_point_longest_first():
    roots = {"https://sotnmt.sharepoint.com/sites/CCHC/Shared%20Documents/": HOME + r"\Sở TNMT\CCHC - Documents",
             "https://sotnmt.sharepoint.com/sites/CCHC/Shared Documents/2025/": r"D:\Bai nop 2025"}
    url = "https://SOTNMT.sharepoint.com/sites/CCHC/Shared Documents/2025/tong-hop.xlsx"
    assert synced_paths(url, ENV, roots) == [Path(r"D:\Bai nop 2025", "tong-hop.xlsx"),
                                             Path(roots[next(iter(roots))], "2025", "tong-hop.xlsx")]


@pytest.mark.parametrize("url", [
    "https://sotnmt.sharepoint.com/sites/CCHC/Shared Documents/tong-hop.xlsx",   # a library not synced here
    "https://example.org/tong-hop.xlsx",
    "https://d.docs.live.net/4f2a/../../Windows/x.xlsx",
    "https://d.docs.live.net/4f2a/",
])
def test_no_mapping_is_never_a_guess(url):
    assert synced_paths(url, ENV, {}) == []


def test_no_environment_no_path():
    assert synced_paths("https://d.docs.live.net/4f2a/CCHC/x.xlsx", {}, {}) == []


# --------------------------------------------------------------------------- the ribbon, handed the URL Excel gives
@pytest.fixture
def synced_office(tmp_path, monkeypatch):
    """The commune's office folder and a submission inside a OneDrive folder; %OneDriveConsumer% points at it."""
    onedrive = tmp_path / "OneDrive"
    folder, path = commune_office(onedrive, monkeypatch)
    for name in ("OneDrive", "OneDriveCommercial"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OneDriveConsumer", str(onedrive))
    url = "https://d.docs.live.net/4f2a9c1b0d3e/" + "/".join(path.relative_to(onedrive).parts)
    return folder, path, url


def test_kiem_tra_on_a_synced_workbook_uses_the_office_folder_beside_it(synced_office, monkeypatch):
    folder, path, url = synced_office
    book = remote_book(path, monkeypatch, fullname=url)
    assert book_file(book) == path
    done = on_ribbon("kiem_tra", book=book)
    assert (done["errors"], done["registry"]) == (0, f"units.yaml (cau-hinh-cchc của văn phòng: {folder})"), done
    monkeypatch.delenv("OneDriveConsumer")
    lost = remote_book(path, monkeypatch, fullname=url)
    assert book_file(lost) is None, "no synced copy known: no folder, as for an unsaved book"
    assert on_ribbon("kiem_tra", book=lost)["registry"] == "units.yaml (mặc định của cchc-xl)"


def test_bao_cao_reads_the_synced_master(synced_office, monkeypatch, cli):
    folder, path, url = synced_office
    master = path.parent / "tong-hop.xlsx"
    assert cli("consolidate", path.parent, "-o", master).exit_code == 0
    book = remote_book(master, monkeypatch, fullname=url.replace(path.name, "tong-hop.xlsx"))
    error = on_ribbon("bao_cao", "quy1", book=book)["error"]
    assert error.startswith(f"{master}: chưa tổng hợp báo cáo kỳ quy1"), "the synced master was found and read"
