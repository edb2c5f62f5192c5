"""The audit viewer names every detail in Indonesian: the labels of the values the services
record (never a raw key such as "from:" or "instruction:"), and roles and steps by the names
the rest of the program gives them (never "tim_telaah" or "keputusan_kpu_ri")."""

from __future__ import annotations

import re
import subprocess
import sys

from PySide6.QtWidgets import QApplication, QTableWidget

from dumas_desktop.domain import catalog

from ..test_lifecycle_sanggau import adopt_and_forward, drive_to_hearing, hold_hearing, receive_and_register
from .conftest import wait_idle
from .person import cell_text, header_text, menu

LABELS = set(catalog.AUDIT_FIELDS.values())
RAW_KEYS = ("from", "to", "instruction", "counterpart", "analysis", "conclusion", "reviewer", "team", "invited")
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # tim_telaah, keputusan_kpu_ri, penanggung_jawab


def audit_details(qtbot, window) -> list[str]:
    """The "Rincian" column of the audit viewer, opened from the menu as a person does."""
    menu(qtbot, window, "Berkas", "Jejak audit…")
    wait_idle(qtbot, window)
    viewer = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "Jejak audit")
    table = viewer.findChild(QTableWidget)
    assert table is not None
    column = next(c for c in range(table.columnCount()) if header_text(table, c) == "Rincian")
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    return [cell_text(table, row, column) for row in range(table.rowCount())]


ACCOUNT_LABELS = {catalog.AUDIT_FIELDS["username"], catalog.AUDIT_FIELDS["actor"]}  # names people chose
KEY_LIKE = re.compile(r"[a-z][a-z ]*")  # what a raw key looks like once shown: "from", "event ok"


def raw_parts(details: list[str]) -> list[str]:
    """The parts "label: value" whose label is a raw key, or whose value is a code."""
    wrong = []
    for text in details:
        for part in text.split("; "):
            label, colon, value = part.partition(": ")
            if not colon:
                continue  # the rest of a value that holds "; " itself
            raw_key = KEY_LIKE.fullmatch(label) and label not in LABELS
            code = label in LABELS and label not in ACCOUNT_LABELS and CODE.search(value)
            if raw_key or code:
                wrong.append(part)
    return wrong


def test_a_whole_case_is_told_in_indonesian_in_the_audit_viewer(
    ws, clock, db, data_file, window_for, qtbot, dialog_log
):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=True)
    hold_hearing(ws, clock, case_id)
    adopt_and_forward(ws, clock, case_id)
    db.close()
    details = audit_details(qtbot, window_for(path=data_file))
    shown = " ".join(details)
    for key in RAW_KEYS:
        assert f"{key}:" not in shown.split(), key
    assert "isi disposisi: Telaah sesuai ketentuan" in shown, details
    assert "diterima pada: 05-03-2026 13.00" in shown and "tanggal: 05-03-2026;" in shown, details
    assert raw_parts(details) == [], details
    assert "peran: " in shown and "Tim Telaah" in shown, details  # the administrator's roles, by name


def test_the_demo_file_is_told_in_indonesian_in_the_audit_viewer(window_for, qtbot, dialog_log, tmp_path):
    demo = tmp_path / "demo.dumas"
    subprocess.run(
        [sys.executable, "-m", "dumas_desktop", "demo", "--data", str(demo)], check=True, capture_output=True
    )
    details = audit_details(qtbot, window_for(path=demo))
    assert raw_parts(details) == [], [d for d in details if raw_parts([d])][:5]
    assert any("langkah: " in d for d in details), details[:5]


def test_an_imported_package_and_its_users_are_told_in_indonesian(window_for, qtbot, dialog_log, tmp_path):
    """A Sumbar file holding a Sanggau regency's package: the import's own entry names its
    details, and the regency's users are shown with the roles of the Sanggau SOP."""
    from datetime import datetime

    from dumas_desktop.domain.access import roles_of
    from dumas_desktop.profiles import bundled_profile
    from dumas_desktop.services import transfer
    from dumas_desktop.services.demo import make_demo

    now = datetime(2026, 11, 20, 10, 0)
    regency = make_demo(tmp_path / "sanggau.dumas", 6, "sanggau-2026", seed=3, now=now).path
    package = tmp_path / "sanggau.dumaspkg"
    transfer.export_package(regency, package)
    office = make_demo(tmp_path / "sumbar.dumas", 6, "sumbar-2022", seed=4, now=now).path
    transfer.import_package(office, package, user="uji")
    details = audit_details(qtbot, window_for(path=office))
    imported = [d for d in details if "kantor asal: 6103" in d]
    assert len(imported) == 1 and "pengaduan baru: 6" in imported[0], imported
    assert "SHA-256 paket: " in imported[0] and "pengaduan diperbarui: 0" in imported[0], imported
    assert raw_parts(details) == [], [d for d in details if raw_parts([d])][:5]
    sumbar = roles_of(bundled_profile("sumbar-2022"))
    only_sanggau = {k: v for k, v in roles_of(bundled_profile("sanggau-2026")).items() if k not in sumbar}
    told = " ".join(d for d in details if "peran: " in d)
    assert only_sanggau and all(f"peran: {label};" in told for label in only_sanggau.values()), told
    assert not any(f"peran: {key}" in told for key in only_sanggau), told
