"""The real main window, offscreen: cases from intake to closure in both SOP profiles."""

from __future__ import annotations

import shutil
from datetime import timedelta

from dumas_desktop.services import case_file, queries
from dumas_desktop.ui.case_actions import CompletionDialog, RejectDialog
from dumas_desktop.ui.step_wizard import StepWizard

from .conftest import now, wait_idle
from .driving import DISPOSITION, WORKSHEET, do_step, intake, latest, open_step


def agenda_row(window, case_id):
    return queries.rows_by_id(window.app.ws, [case_id])[0]


def test_sanggau_case_from_intake_to_closure_with_a_hearing(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    assert window.windowTitle() == "Dumas Desktop — Komisi Pemilihan Umum Kabupaten Sanggau"
    case_id = intake(qtbot, window)
    assert "001/DUMAS/6103" in dialog_log.texts("ask")[-1] and "tanda terima" in dialog_log.texts("ask")[-1]
    assert window.agenda.model.rowCount() == 1
    assert window.screening.model.rowCount() == 1  # waiting for registration

    do_step(qtbot, window, case_id, {"classification": "netralitas", **DISPOSITION})
    assert window.screening.model.rowCount() == 0 and window.review.model.rowCount() == 1
    do_step(qtbot, window, case_id, {**WORKSHEET, "result": "lengkap"}, "lengkap")
    do_step(qtbot, window, case_id, {**WORKSHEET, "hearing_needed": True})
    do_step(qtbot, window, case_id, DISPOSITION, "klarifikasi")

    wizard = open_step(qtbot, window, case_id)  # the hearing: plan first
    assert "Simpan rencana" in wizard.reason.text()
    wizard.editor.restore({"place": "Ruang rapat", "team": "Fransiskus — Anggota KPU"})
    wizard._run_partial(wizard.editor.partial()[1])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: wizard.editor is not None and wizard.editor.planned, timeout=10_000)
    wizard.editor.restore({"held_at": (now() - timedelta(minutes=1)).isoformat(), "summary": "Para pihak hadir"})
    wizard.update_checklist()
    assert wizard.finish.isEnabled(), wizard.reason.text()
    wizard.submit()
    wait_idle(qtbot, window)
    assert agenda_row(window, case_id).current_step == "penyusunan_ba"

    do_step(
        qtbot,
        window,
        case_id,
        {
            "petitum": "Terlapor melanggar netralitas",
            "place": "Sanggau",
            "evidence_summary": "Keterangan saksi dalam klarifikasi",
        },
    )
    assert window.minutes.model.rowCount() == 1
    do_step(
        qtbot,
        window,
        case_id,
        {"place": "Ruang pleno", "chair": "Ketua", "members": "Ketua\nAnggota", "decision": "Menetapkan berita acara"},
        "ditetapkan",
    )
    do_step(qtbot, window, case_id, {"receipt_by": "Persuratan KPU RI"})
    do_step(qtbot, window, case_id, {"kind": "dkpp", "summary": "Diteruskan ke DKPP"})
    wait_idle(qtbot, window)
    row = agenda_row(window, case_id)
    assert row.status == "selesai"
    assert window.minutes.model.rowCount() == 0
    window.agenda.reload()
    wait_idle(qtbot, window)
    assert window.agenda.model.data(window.agenda.model.index(0, 9)) == "Selesai"
    detail = case_file.case_detail(window.app.ws, case_id)
    assert len(detail.steps) == 10 and detail.closure_kind == "selesai"


def test_incomplete_then_completed(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    do_step(qtbot, window, case_id, {"classification": "pelayanan", **DISPOSITION})
    do_step(
        qtbot,
        window,
        case_id,
        {**WORKSHEET, "result": "tidak_lengkap", "missing_items": "Fotokopi KTP"},
        "tidak_lengkap",
    )
    assert agenda_row(window, case_id).status == "menunggu_pelapor"
    assert window.attention.counts is not None and window.attention.counts.waiting_for_reporter == 1
    assert window.screening.model.rowCount() == 1  # the Skrining tab lists it
    dialog = CompletionDialog(window.app, case_id, window)
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("Pelapor menyerahkan fotokopi KTP")
    dialog.submit()
    wait_idle(qtbot, window)
    assert agenda_row(window, case_id).status == "proses"
    do_step(qtbot, window, case_id, {**WORKSHEET, "result": "lengkap"}, "lengkap")
    assert agenda_row(window, case_id).current_step == "telaah_lanjutan"


def test_incomplete_then_rejected_after_the_window(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    do_step(qtbot, window, case_id, {"classification": "pelayanan", **DISPOSITION})
    do_step(qtbot, window, case_id, {**WORKSHEET, "result": "tidak_lengkap", "missing_items": "KTP"}, "tidak_lengkap")
    early = RejectDialog(window.app, case_id, window)
    qtbot.addWidget(early)
    early.submit()
    wait_idle(qtbot, window)
    assert "belum lewat" in dialog_log.texts("warn")[-1]
    later = now() + timedelta(days=10)
    window.app.ws.clock = lambda: later
    dialog = RejectDialog(window.app, case_id, window)
    qtbot.addWidget(dialog)
    dialog.submit()
    wait_idle(qtbot, window)
    detail = case_file.case_detail(window.app.ws, case_id)
    assert (detail.status, detail.closure_kind) == ("selesai", "ditolak")


def test_sumbar_case_through_the_window(window_for, qtbot, dialog_log):
    window = window_for("sumbar-2022")
    case_id = intake(qtbot, window, location="Kota Padang")
    assert agenda_row(window, case_id).current_step == "penerimaan"  # step 1 needs the disposition
    do_step(qtbot, window, case_id, {"classification": "pelayanan", **DISPOSITION})
    do_step(qtbot, window, case_id, {"counterpart": "Kasubag Hukum"})
    do_step(qtbot, window, case_id, {**WORKSHEET, "survey": "Klarifikasi ke unit"})
    do_step(qtbot, window, case_id, {"conclusion": "Layanan diperbaiki"})
    do_step(qtbot, window, case_id, {"number": "12/UM/2026", "counterpart": "Bagian Umum"})
    do_step(qtbot, window, case_id, DISPOSITION)
    do_step(qtbot, window, case_id, {})
    do_step(qtbot, window, case_id, {})
    assert agenda_row(window, case_id).status == "selesai"


def test_finish_waits_for_every_requirement(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    wizard = open_step(qtbot, window, case_id)
    wizard.editor.restore({"classification": "netralitas"})
    wizard.update_checklist()
    assert not wizard.finish.isEnabled()
    assert "Lembar disposisi" in wizard.reason.text()
    assert "Skrining awal kelengkapan" in wizard.reason.text()
    wizard.editor.restore(DISPOSITION)
    for box in wizard.confirmations.values():
        box.setChecked(True)
    assert wizard.finish.isEnabled()
    wizard.confirmations["skrining_validitas"].setChecked(False)
    assert not wizard.finish.isEnabled()
    wizard.submit()  # refused by the wizard itself: nothing runs
    wait_idle(qtbot, window)
    assert agenda_row(window, case_id).current_step == "penatausahaan"


def test_draft_kept_when_the_wizard_and_the_window_close(window_for, qtbot, dialog_log, tmp_path):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    path = window.app.ws.db.path
    wizard = open_step(qtbot, window, case_id)
    wizard.editor.restore({"classification": "politik_uang", "instruction": "Segera telaah"})
    wizard.confirmations["skrining_kelengkapan"].setChecked(True)
    window.close()  # closing the window closes the wizard, which keeps its draft
    wait_idle(qtbot, window)

    again = window_for("sanggau-2026", path=path)
    dialog_log.answer = True  # "continue from the draft?"
    restored = open_step(qtbot, again, case_id)
    assert any("draf" in text.lower() for text in dialog_log.texts("ask"))
    assert restored.editor.value("classification") == "politik_uang"
    assert restored.editor.value("instruction") == "Segera telaah"
    assert restored.confirmations["skrining_kelengkapan"].isChecked()
    assert isinstance(latest(again, StepWizard), StepWizard)


def test_intake_draft_offered_back(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    window.new_complaint()
    from dumas_desktop.ui.intake_wizard import IntakeWizard

    wizard = latest(window, IntakeWizard)
    wizard.reporter_page.name.setText("Agustinus Ranto")
    wizard.complaint_page.subject.setText("TPS dibuka terlambat")
    wizard.reject()
    dialog_log.answer = True
    window.new_complaint()
    again = latest(window, IntakeWizard)
    assert again is not wizard
    assert again.reporter_page.name.text() == "Agustinus Ranto"
    assert again.complaint_page.subject.text() == "TPS dibuka terlambat"


def test_search_filters_and_attention_strip(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    intake(qtbot, window)
    second = intake(qtbot, window)
    window.agenda.search.setText("maria")
    qtbot.waitUntil(lambda: window.agenda.count.text() == "2 pengaduan", timeout=5000)
    window.agenda.search.setText("tidakadayangcocok")
    qtbot.waitUntil(lambda: window.agenda.count.text() == "0 pengaduan", timeout=5000)
    window.agenda.search.clear()
    qtbot.waitUntil(lambda: window.agenda.count.text() == "2 pengaduan", timeout=5000)
    window.agenda.step.setCurrentIndex(window.agenda.step.findData("penatausahaan"))
    wait_idle(qtbot, window)
    assert window.agenda.model.rowCount() == 2
    window.attention.show_waiting.emit()
    wait_idle(qtbot, window)
    assert window.agenda.model.rowCount() == 0
    assert second


def test_opening_a_file_that_is_not_dumas_data_says_so(qt_app, dialog_log, tmp_path):
    from dumas_desktop.ui.app import Controller

    not_ours = tmp_path / "catatan.dumas"
    not_ours.write_bytes(b"bukan data" * 20)
    controller = Controller("petugas")
    assert not controller.open(not_ours)
    assert controller.window is None
    assert "bukan berkas data Dumas Desktop" in dialog_log.texts("warn")[-1]
    assert not_ours.read_bytes() == b"bukan data" * 20


def test_adopted_minutes_corrected_by_a_new_version(window_for, qtbot, dialog_log):
    from dumas_desktop.services import minutes
    from dumas_desktop.ui.case_view import CaseView
    from dumas_desktop.ui.minutes_correction import CorrectionDialog, CorrectionPlenaryDialog

    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    do_step(qtbot, window, case_id, {"classification": "netralitas", **DISPOSITION})
    do_step(qtbot, window, case_id, {**WORKSHEET, "result": "lengkap"}, "lengkap")
    do_step(qtbot, window, case_id, {**WORKSHEET, "hearing_needed": False})
    do_step(qtbot, window, case_id, DISPOSITION, "tanpa_klarifikasi")
    do_step(qtbot, window, case_id, {"petitum": "Petitum", "evidence_summary": "Bukti", "place": "Sanggau"})
    do_step(
        qtbot,
        window,
        case_id,
        {"place": "Ruang pleno", "chair": "Ketua", "members": "Ketua", "decision": "Menetapkan"},
        "ditetapkan",
    )
    window.show_case(case_id)
    view = latest(window, CaseView)
    wait_idle(qtbot, window)
    assert view.correct.isVisibleTo(view) and not view.adopt_correction.isVisibleTo(view)
    correction = CorrectionDialog(window.app, case_id, view.minutes, view)
    qtbot.addWidget(correction)
    correction.petitum.setPlainText("Petitum dikoreksi")
    correction.reason.setPlainText("Salah ketik")
    correction.submit()
    wait_idle(qtbot, window)
    assert view.adopt_correction.isVisibleTo(view)
    plenary = CorrectionPlenaryDialog(window.app, case_id, view)
    qtbot.addWidget(plenary)
    plenary.place.setText("Ruang pleno")
    plenary.chair.setText("Ketua")
    plenary.members.setPlainText("Ketua\nAnggota")
    plenary.submit()
    wait_idle(qtbot, window)
    current = minutes.current_minutes(window.app.ws, case_id)
    assert (current.version, current.status, current.content.petitum) == (2, "ditetapkan", "Petitum dikoreksi")
    assert agenda_row(window, case_id).current_step == "penyampaian_kpu_ri"


def test_a_draft_that_cannot_be_kept_leaves_the_choice_to_the_person(qt_app, qtbot, dialog_log, templates, tmp_path):
    from dumas_desktop.storage.lock import lock_path
    from dumas_desktop.ui.app import Controller
    from dumas_desktop.ui.intake_wizard import IntakeWizard

    path = tmp_path / "kantor.dumas"
    shutil.copyfile(templates["sanggau-2026"], path)
    controller = Controller("petugas")
    assert controller.open(path)
    window = controller.window
    wait_idle(qtbot, window)
    folder = window.drafts.folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("", encoding="utf-8")  # a file where the drafts folder should be: nothing can be written there
    try:
        window.new_complaint()
        wizard = latest(window, IntakeWizard)
        wizard.reporter_page.name.setText("Agustinus Ranto")
        dialog_log.answer = False  # "close anyway?" - no, stay in the form
        assert not controller.close_window()
        assert controller.window is window and window.isVisible() and wizard.isVisible()
        assert wizard.reporter_page.name.text() == "Agustinus Ranto"
        assert lock_path(path).exists()  # the file stays open with the form
        assert any("tidak dapat disimpan sebagai draf" in text for text in dialog_log.texts("ask"))
        window.close()  # the window's own close button: refused the same way
        assert window.isVisible() and wizard.isVisible()
        dialog_log.answer = True  # now the person lets it go
        assert controller.close_window()
        assert controller.window is None and not wizard.isVisible()
        assert not lock_path(path).exists()  # the file was closed and unlocked
    finally:
        folder.unlink(missing_ok=True)
        controller.close_window()


def test_a_full_disk_is_named_in_indonesian_when_a_draft_cannot_be_kept(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    import pytest

    from dumas_desktop.ui.drafts import DraftNotSaved, DraftStore

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(DraftNotSaved, match="ruang disk penuh"):
        DraftStore(tmp_path, tmp_path / "kantor.dumas").save("penerimaan", {"nama": "Agustinus"})
    assert not any(tmp_path.rglob("*.json")) and not any(tmp_path.rglob("*.tmp"))
