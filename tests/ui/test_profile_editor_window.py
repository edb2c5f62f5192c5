"""Pengaturan → Profil SOP driven as the Kasubag Hukum does after the yearly review: steps
added, moved and timed by typing and clicking, a requirement and a branch changed, the
loader's word seen beside a wrong field, the draft adopted; complaints received before keep
their version and deadline, those received after follow the new one."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QListWidget
from sqlalchemy import select

from dumas_desktop.domain.deadlines import deadline_for
from dumas_desktop.domain.errors import NotAllowed
from dumas_desktop.domain.sop import StandardTime
from dumas_desktop.services import accounts, profile_editor
from dumas_desktop.services.context import Workspace
from dumas_desktop.storage.database import open_database
from dumas_desktop.storage.models import Complaint, StepRecord
from dumas_desktop.ui import dialogs
from dumas_desktop.ui.case_view import CaseView
from dumas_desktop.ui.profile_editor import ProfileEditor

from .conftest import wait_idle
from .driving import intake
from .person import (
    button,
    cell_text,
    fill,
    menu,
    open_tab,
    open_windows,
    pick,
    press,
    shown,
    table_row,
    tick,
    wait_for,
)


def open_editor(qtbot, window) -> ProfileEditor:
    before = open_windows(ProfileEditor)
    menu(qtbot, window, "Berkas", "Profil SOP…")
    editor = wait_for(qtbot, ProfileEditor, "Profil SOP", ready=lambda e: e.steps.count() > 0, besides=before)
    wait_idle(qtbot, window)
    return editor


def steps_list(editor) -> QListWidget:
    return next(w for w in editor.findChildren(QListWidget) if shown(w) and w is editor.steps)


def step_names(editor) -> list[str]:
    return [editor.steps.item(r).text() for r in range(editor.steps.count())]


def verdict(editor) -> str:
    return editor.verdict.text()


def beside_field_messages(editor) -> list[str]:
    return [label.text() for label in editor.form.errors.values() if shown(label)]


def deadline_of(window, case_id: int, time: StandardTime):
    ws = window.app.ws
    with ws.db.read() as session:
        case = session.get(Complaint, case_id)
        started = session.scalars(
            select(StepRecord.started_at).where(
                StepRecord.complaint_id == case_id, StepRecord.step_key == case.current_step
            )
        ).one()
        expected = deadline_for(ws.calendar(session), started, time).due
        return case.current_step, case.current_due_at, expected, case.sop_profile_id


@pytest.mark.both_backends
def test_a_changed_step_time_serves_complaints_received_after_it_only(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    before = intake(qtbot, window)
    editor = open_editor(qtbot, window)

    table_row(qtbot, steps_list(editor), 0, "2. Penatausahaan, klasifikasi, dan skrining awal")
    fill(qtbot, editor, "Waktu baku", "2")
    pick(qtbot, editor, "Satuan waktu", "hari kerja")
    assert verdict(editor) == "Draf sah menurut pemeriksa profil SOP."
    dialog_log.answer = True
    press(qtbot, editor, "Terapkan sebagai versi baru")
    wait_idle(qtbot, window)
    asked = dialog_log.texts("ask")[-1]
    assert "pengaduan yang sedang berjalan tetap memakai versinya" in asked
    assert "versi 2 berlaku untuk pengaduan baru" in verdict(editor), dialog_log.shown
    editor.close()

    after = intake(qtbot, window)
    step, due, expected, old_record = deadline_of(window, before, StandardTime("menit", 20))
    assert step == "penatausahaan" and due == expected
    step, due, expected, new_record = deadline_of(window, after, StandardTime("hari", 2))
    assert step == "penatausahaan" and due == expected
    assert new_record != old_record

    window.show_case(before)
    view = wait_for(qtbot, CaseView, ready=lambda v: "/" in v.windowTitle())
    wait_idle(qtbot, window)
    assert any("sanggau-2026 (versi 1)" in label.text() for label in view.findChildren(type(editor.verdict)))
    view.close()
    window.show_case(after)
    view = wait_for(qtbot, CaseView, ready=lambda v: v.case_id == after and "/" in v.windowTitle())
    wait_idle(qtbot, window)
    assert any("sanggau-2026 (versi 2)" in label.text() for label in view.findChildren(type(editor.verdict)))
    view.close()


@pytest.mark.both_backends
def test_steps_added_moved_changed_and_refused_by_the_loader_then_adopted(window_for, qtbot, dialog_log):
    window = window_for("sumbar-2022")
    editor = open_editor(qtbot, window)
    steps = steps_list(editor)

    table_row(qtbot, steps, 0, "2. Kabag Hukum dan SDM menerima laporan untuk ditelaah")
    press(qtbot, editor, "Tambah langkah")
    assert step_names(editor)[2] == "3. Langkah baru"
    fill(qtbot, editor, "Nama kegiatan", "Pemeriksaan awal oleh Kasubag Hukum")
    tick(qtbot, editor, "Kepala Subbagian Hukum")
    tick(qtbot, editor, "Pengelola JDIH", False)
    fill(qtbot, editor, "Waktu baku", "1-2")
    press(qtbot, editor, "Naik")
    assert step_names(editor)[1] == "2. Pemeriksaan awal oleh Kasubag Hukum"

    # a requirement from the catalog of checks, advised
    press(qtbot, editor, "Tambah persyaratan")
    pick(qtbot, editor, "Jenis persyaratan", "Diperiksa program")
    pick(qtbot, editor, "Pemeriksaan", "Lokasi kejadian terisi")
    fill(qtbot, editor, "Bunyi persyaratan", "Lokasi kasus tercatat")
    pick(qtbot, editor, "Sifat", "Dianjurkan")

    # a wrong time: the loader's message beside the field and at the foot
    fill(qtbot, editor, "Waktu baku", "0")
    assert "waktu baku harus lebih dari nol" in verdict(editor)
    assert any("waktu baku harus lebih dari nol" in m for m in beside_field_messages(editor))
    press(qtbot, editor, "Terapkan sebagai versi baru")
    assert dialog_log.shown[-1][:2] == ("warn", "Draf belum sah")
    fill(qtbot, editor, "Waktu baku", "1")
    assert verdict(editor) == "Draf sah menurut pemeriksa profil SOP."

    # a branch: the review step may send the complaint back to the reporter
    table_row(qtbot, steps, 0, "4. Menelaah pengaduan bersama unit kerja")
    press(qtbot, editor, "Tambah cabang")
    fill(qtbot, editor, "Kunci hasil", "tidak_lengkap")
    fill(qtbot, editor, "Bunyi cabang", "Tidak lengkap: dimintakan kelengkapan kepada pelapor")
    pick(qtbot, editor, "Cabang menuju", "Permintaan kelengkapan kepada pelapor")
    pick(qtbot, editor, "Syarat cabang", "Hasil telaah: tidak lengkap")
    fill(qtbot, editor, "Kunci hasil", "lanjut")  # the same outcome as the first branch
    assert "hasil \u201clanjut\u201d tercantum dua kali" in verdict(editor)
    assert any("tercantum dua kali" in m for m in beside_field_messages(editor))
    fill(qtbot, editor, "Kunci hasil", "tidak_lengkap")
    assert verdict(editor) == "Draf sah menurut pemeriksa profil SOP."

    open_tab(qtbot, editor, "Pratinjau dan perbandingan")
    preview = editor.preview.toPlainText()
    assert "Pemeriksaan awal oleh Kasubag Hukum" in preview and "1 hari kerja" in preview
    assert "class='new'" in editor.preview.toHtml() or "d7f5d7" in editor.preview.toHtml()

    dialog_log.answer = True
    press(qtbot, editor, "Terapkan sebagai versi baru")
    wait_idle(qtbot, window)
    _, adopted = profile_editor.version_profile(window.app.ws)
    assert adopted.version == 2
    assert [s.name for s in adopted.steps][1] == "Pemeriksaan awal oleh Kasubag Hukum"
    new = adopted.steps[1]
    assert [s.next for s in adopted.steps[:3]] == [new.key, "nota_dinas", "penelaahan"]
    assert new.actors == ("kasubag_hukum",) and new.time == StandardTime("hari", 1)
    assert [(r.key, r.required) for r in new.requirements] == [("case_location", False)]
    review = adopted.step("penelaahan")
    assert [r.key for r in review.branches[1].requirements] == ["review_found_incomplete"]
    assert [(b.outcome, b.next) for b in review.branches] == [
        ("lanjut", "penyelesaian"),
        ("tidak_lengkap", "@kelengkapan"),
    ]
    assert window.app.profile.version == 2
    open_tab(qtbot, editor, "Versi")
    assert editor.versions.rowCount() == 2 and "aktif" in cell_text(editor.versions, 0, 0)
    assert cell_text(editor.versions, 0, 2).startswith("Administrator")
    press(qtbot, editor, "Tutup")


def test_export_print_and_install_from_the_editor(window_for, qtbot, dialog_log, monkeypatch, tmp_path):
    window = window_for("sanggau-2026")
    editor = open_editor(qtbot, window)
    exported, pdf = tmp_path / "sop-kantor.toml", tmp_path / "SOP.pdf"
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: exported)
    press(qtbot, editor, "Simpan ke berkas…")
    wait_idle(qtbot, window)
    assert "disimpan ke" in verdict(editor) and exported.read_text(encoding="utf-8").startswith("# SOP 39")
    monkeypatch.setattr(dialogs, "save_file_name", lambda *args: pdf)
    press(qtbot, editor, "Cetak SOP…")
    wait_idle(qtbot, window)
    reader = PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) >= 3 and "39/ORT.06/6103/2026" in text and "Mutu Baku" in text

    other = window_for("sumbar-2022")
    elsewhere = open_editor(qtbot, other)
    hostile = tmp_path / "kiriman.toml"
    hostile.write_text(exported.read_text(encoding="utf-8").replace('form = "hearing"', 'form = "sidang"'), "utf-8")
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: hostile)
    press(qtbot, elsewhere, "Pasang dari berkas…")
    wait_idle(qtbot, other)
    kind, title, message = dialog_log.shown[-1]
    assert (kind, title) == ("warn", "Profil tidak dipasang")
    assert "formulir \u201csidang\u201d tidak dikenal" in message and "\n" not in message
    assert profile_editor.version_profile(other.app.ws)[1].id == "sumbar-2022"
    monkeypatch.setattr(dialogs, "open_file_name", lambda *args: exported)
    press(qtbot, elsewhere, "Pasang dari berkas…")
    wait_idle(qtbot, other)
    assert profile_editor.version_profile(other.app.ws)[1].id == "sanggau-2026"
    assert "dipasang untuk pengaduan baru" in verdict(elsewhere)
    for each in (editor, elsewhere):
        press(qtbot, each, "Tutup")


def test_another_role_sees_the_button_unavailable_and_the_service_refuses(
    window_for, qtbot, dialog_log, templates, tmp_path, monkeypatch
):
    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    db = open_database(path)
    accounts.add_user(Workspace(db), "telaah", "Petugas Telaah", "kata-sandi-uji", ["tim_telaah"])
    db.close()
    monkeypatch.setenv("DUMAS_USER", "telaah")
    monkeypatch.setenv("DUMAS_PASSWORD", "kata-sandi-uji")
    window = window_for("sanggau-2026", path=path)
    page = open_tab(qtbot, window, "Pengaturan")
    assert not button(page, "Sunting profil SOP…").isEnabled()
    with pytest.raises(NotAllowed, match="hanya dapat dilakukan oleh Administrator"):
        profile_editor.start_draft(window.app.ws)
