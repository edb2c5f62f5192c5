"""The real main window, offscreen, driven as a person does (person.py): the completion
loop, rejection after the window, the checklist holding Finish back, drafts, search, and
the correction of adopted minutes. Whole journeys are in test_person_journeys.py."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)

from dumas_desktop.services import case_file, queries
from dumas_desktop.ui.case_actions import CompletionDialog, RejectDialog
from dumas_desktop.ui.drafts import AUTOSAVE_DELAY_MS
from dumas_desktop.ui.queue_tab import QueueTab

from .conftest import now, wait_idle
from .driving import CLASSIFIED, COMPLETE, DISPOSITION, INCOMPLETE, WORKSHEET, do_step, intake, intake_case, open_step
from .officer import only, reason
from .person import (
    button,
    cell_text,
    enter,
    field,
    fill,
    fill_rows,
    keys,
    open_tab,
    pick,
    pick_item,
    press,
    table_row,
    tick,
    type_cell,
    wait_for,
    write,
)


def agenda_row(window, case_id):
    return queries.rows_by_id(window.app.ws, [case_id])[0]


@pytest.mark.both_backends
def test_incomplete_then_completed(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id, number = intake_case(qtbot, window)
    do_step(qtbot, window, case_id, {"Klasifikasi": "Pelayanan publik", **DISPOSITION})
    do_step(
        qtbot,
        window,
        case_id,
        {**WORKSHEET, "Hasil telaah": "Tidak lengkap", "Kekurangan yang harus dilengkapi pelapor": "Fotokopi KTP"},
        INCOMPLETE,
    )
    assert agenda_row(window, case_id).status == "menunggu_pelapor"
    assert window.attention.counts is not None and window.attention.counts.waiting_for_reporter == 1
    queue = open_tab(qtbot, window, "Skrining")
    table_row(qtbot, only(queue, type(window.agenda.table)), 0, number)  # the Skrining tab lists it
    press(qtbot, queue, "Catat kelengkapan dari pelapor…")
    dialog = wait_for(qtbot, CompletionDialog)
    fill(qtbot, dialog, "Yang diterima dari pelapor", "Pelapor menyerahkan fotokopi KTP")
    press(qtbot, dialog, "OK")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    assert agenda_row(window, case_id).status == "proses"
    do_step(qtbot, window, case_id, {**WORKSHEET, "Hasil telaah": "Lengkap"}, COMPLETE)
    assert agenda_row(window, case_id).current_step == "telaah_lanjutan"


@pytest.mark.both_backends
def test_incomplete_then_rejected_after_the_window(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id, number = intake_case(qtbot, window)
    do_step(qtbot, window, case_id, {"Klasifikasi": "Pelayanan publik", **DISPOSITION})
    do_step(
        qtbot,
        window,
        case_id,
        {**WORKSHEET, "Hasil telaah": "Tidak lengkap", "Kekurangan yang harus dilengkapi pelapor": "KTP"},
        INCOMPLETE,
    )

    def select() -> QueueTab:
        queue = open_tab(qtbot, window, "Skrining")
        assert isinstance(queue, QueueTab)
        table_row(qtbot, only(queue, type(window.agenda.table)), 0, number)
        wait_idle(qtbot, window)
        return queue

    queue = select()
    assert not button(queue, "Tolak pengaduan…").isEnabled()  # the reporter still has time
    assert "Menunggu kelengkapan dari pelapor sampai" in queue.detail.text()
    later = now() + timedelta(days=10)
    window.app.ws.clock = lambda: later  # ten days later, another complaint comes in
    intake(qtbot, window)
    queue = select()
    assert "Batas waktunya sudah lewat" in queue.detail.text()
    press(qtbot, queue, "Tolak pengaduan…")
    dialog = wait_for(qtbot, RejectDialog)
    press(qtbot, dialog, "OK")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    detail = case_file.case_detail(window.app.ws, case_id)
    assert (detail.status, detail.closure_kind) == ("selesai", "ditolak")


def test_finish_waits_for_every_requirement(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    wizard = open_step(qtbot, window, case_id)
    finish = button(wizard, "Selesaikan langkah")
    pick(qtbot, wizard, "Klasifikasi", "Netralitas penyelenggara")
    assert not finish.isEnabled()
    assert "Lembar disposisi" in reason(wizard)
    assert "Skrining awal kelengkapan" in reason(wizard)
    for label, value in DISPOSITION.items():
        enter(qtbot, wizard, label, value)
    tick(qtbot, wizard, "Skrining awal kelengkapan pengaduan telah dilakukan")
    tick(qtbot, wizard, "Skrining awal validitas pengaduan telah dilakukan")
    assert finish.isEnabled()
    tick(qtbot, wizard, "Skrining awal validitas pengaduan telah dilakukan", False)
    assert not finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)  # a disabled button does nothing
    wait_idle(qtbot, window)
    assert agenda_row(window, case_id).current_step == "penatausahaan"


@pytest.mark.both_backends
def test_draft_kept_when_the_wizard_and_the_window_close(window_for, qtbot, dialog_log, tmp_path):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    source = window.app.ws.db.address or window.app.ws.db.path  # the office's server, or its file
    wizard = open_step(qtbot, window, case_id)
    pick(qtbot, wizard, "Klasifikasi", "Dugaan politik uang oleh penyelenggara")
    fill(qtbot, wizard, "Isi disposisi", "Segera telaah")
    tick(qtbot, wizard, "Skrining awal kelengkapan pengaduan telah dilakukan")
    window.close()  # closing the window closes the wizard, which keeps its draft
    wait_idle(qtbot, window)

    again = window_for("sanggau-2026", path=source)
    dialog_log.answer = True  # "continue from the draft?"
    restored = open_step(qtbot, again, case_id)
    assert any("draf" in text.lower() for text in dialog_log.texts("ask"))
    assert field(restored, "Klasifikasi", QComboBox).currentText() == "Dugaan politik uang oleh penyelenggara"
    assert field(restored, "Isi disposisi", QPlainTextEdit).toPlainText() == "Segera telaah"
    assert button(restored, "Skrining awal kelengkapan pengaduan telah dilakukan").isChecked()


def test_hearing_plan_typed_in_its_tables_is_kept_as_a_draft(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    case_id = intake(qtbot, window)
    do_step(qtbot, window, case_id, {**CLASSIFIED, **DISPOSITION})
    do_step(qtbot, window, case_id, {**WORKSHEET, "Hasil telaah": "Lengkap"}, COMPLETE)
    do_step(qtbot, window, case_id, {**WORKSHEET, "Perlu verifikasi dan klarifikasi?": "Ya, perlu"})
    do_step(qtbot, window, case_id, DISPOSITION, "Perlu verifikasi dan klarifikasi")
    wizard = open_step(qtbot, window, case_id)
    fill_rows(qtbot, field(wizard, "Tim klarifikasi", QTableWidget), [["Fransiskus Ahi", "Anggota KPU"]])
    press(qtbot, wizard, "Tambah pihak terkait")
    type_cell(qtbot, field(wizard, "Saksi dan pihak terkait yang juga diundang", QTableWidget), 0, 1, "Ketua PPK")
    press(qtbot, wizard, "Simpan draf dan tutup")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)

    dialog_log.answer = True  # "continue from the draft?"
    again = open_step(qtbot, window, case_id)
    team = field(again, "Tim klarifikasi", QTableWidget)
    guests = field(again, "Saksi dan pihak terkait yang juga diundang", QTableWidget)
    assert [cell_text(team, 0, c) for c in range(2)] == ["Fransiskus Ahi", "Anggota KPU"]
    assert [cell_text(guests, 0, c) for c in range(2)] == ["Pihak terkait", "Ketua PPK"]


def test_intake_draft_offered_back(window_for, qtbot, dialog_log):
    from dumas_desktop.ui.intake_wizard import IntakeWizard

    window = window_for("sanggau-2026")
    keys(qtbot, window, "Ctrl+N")
    wizard = wait_for(qtbot, IntakeWizard)
    press(qtbot, wizard, "Lanjut >")
    fill(qtbot, wizard.currentPage(), "Nama lengkap", "Agustinus Ranto")
    press(qtbot, wizard, "Lanjut >")
    press(qtbot, wizard, "Lanjut >")
    fill(qtbot, wizard.currentPage(), "Pokok pengaduan", "TPS dibuka terlambat")
    press(qtbot, wizard, "Tutup (simpan draf)")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)
    dialog_log.answer = True
    keys(qtbot, window, "Ctrl+N")
    again = wait_for(qtbot, IntakeWizard)
    assert again is not wizard
    press(qtbot, again, "Lanjut >")
    assert field(again.currentPage(), "Nama lengkap", QLineEdit).text() == "Agustinus Ranto"
    press(qtbot, again, "Lanjut >")
    press(qtbot, again, "Lanjut >")
    assert field(again.currentPage(), "Pokok pengaduan", QLineEdit).text() == "TPS dibuka terlambat"


@pytest.mark.both_backends
def test_search_filters_and_attention_strip(window_for, qtbot, dialog_log):
    window = window_for("sanggau-2026")
    intake(qtbot, window)
    intake(qtbot, window)
    count = window.agenda.count

    def search(text: str) -> None:
        keys(qtbot, window, "Ctrl+F")  # the search box, its text selected
        box = QApplication.focusWidget()
        assert isinstance(box, QLineEdit) and box.placeholderText().startswith("Cari pelapor")
        qtbot.keyClick(box, Qt.Key.Key_Delete)
        qtbot.keyClicks(box, text)

    search("maria")
    qtbot.waitUntil(lambda: count.text() == "2 pengaduan", timeout=5000)
    search("tidakadayangcocok")
    qtbot.waitUntil(lambda: count.text() == "0 pengaduan", timeout=5000)
    search("")
    qtbot.waitUntil(lambda: count.text() == "2 pengaduan", timeout=5000)
    steps = window.agenda.step
    pick_item(
        qtbot, steps, next(steps.itemText(i) for i in range(steps.count()) if "Penatausahaan" in steps.itemText(i))
    )
    wait_idle(qtbot, window)
    assert window.agenda.model.rowCount() == 2
    press(qtbot, window, "0 menunggu pelapor")
    wait_idle(qtbot, window)
    assert window.agenda.model.rowCount() == 0
    # Whether the two new cases are due today depends on the hour they were received (the
    # window keeps the PC's clock, and a step timed in hours runs from the next opening);
    # either way the strip's count and the list it opens agree.
    assert window.attention.counts is not None
    due = window.attention.counts.due_today
    assert due in (0, 2)
    press(qtbot, window, f"{due} jatuh tempo hari ini")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: count.text() == f"{due} pengaduan", timeout=5000)
    assert window.agenda.narrowed.text() == "Langkah yang jatuh tempo hari ini."
    press(qtbot, window, "Tampilkan semua pengaduan")
    qtbot.waitUntil(lambda: count.text() == "2 pengaduan", timeout=5000)


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
    do_step(qtbot, window, case_id, {**CLASSIFIED, **DISPOSITION})
    do_step(qtbot, window, case_id, {**WORKSHEET, "Hasil telaah": "Lengkap"}, COMPLETE)
    do_step(qtbot, window, case_id, {**WORKSHEET, "Perlu verifikasi dan klarifikasi?": "Tidak perlu"})
    do_step(
        qtbot, window, case_id, DISPOSITION, "Tidak perlu verifikasi dan klarifikasi: langsung menyusun berita acara"
    )
    do_step(qtbot, window, case_id, {"Petitum/putusan": "Petitum", "Bukti-bukti": "Bukti", "Tempat": "Sanggau"})
    do_step(
        qtbot,
        window,
        case_id,
        {
            "Tempat": "Ruang pleno",
            "Pimpinan rapat": "Ketua",
            "Anggota yang hadir (satu nama per baris)": "Ketua",
            "Keputusan": "Menetapkan",
        },
        "Berita acara ditetapkan",
    )
    window.show_case(case_id)
    view = wait_for(qtbot, CaseView, ready=lambda v: "/" in v.windowTitle())
    wait_idle(qtbot, window)
    assert not [b for b in view.findChildren(QPushButton) if b.isVisible() and b.text().startswith("Tetapkan koreksi")]
    press(qtbot, view, "Koreksi berita acara…")
    correction = wait_for(qtbot, CorrectionDialog)
    fill(qtbot, correction, "Petitum/putusan", "Petitum dikoreksi")
    fill(qtbot, correction, "Alasan koreksi", "Salah ketik")
    press(qtbot, correction, "OK")
    qtbot.waitUntil(lambda: not correction.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    press(qtbot, view, "Tetapkan koreksi dalam pleno…")
    plenary = wait_for(qtbot, CorrectionPlenaryDialog)
    fill(qtbot, plenary, "Tempat", "Ruang pleno")
    fill(qtbot, plenary, "Pimpinan rapat", "Ketua")
    fill(qtbot, plenary, "Anggota yang hadir (satu nama per baris)", "Ketua\nAnggota")
    press(qtbot, plenary, "OK")
    qtbot.waitUntil(lambda: not plenary.isVisible(), timeout=10_000)
    wait_idle(qtbot, window)
    current = minutes.current_minutes(window.app.ws, case_id)
    assert current is not None
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
    assert window is not None
    wait_idle(qtbot, window)
    folder = window.drafts.folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("", encoding="utf-8")  # a file where the drafts folder should be: nothing can be written there
    try:
        keys(qtbot, window, "Ctrl+N")
        wizard = wait_for(qtbot, IntakeWizard)
        press(qtbot, wizard, "Lanjut >")
        name = field(wizard.currentPage(), "Nama lengkap", QLineEdit)
        write(qtbot, name, "Agustinus Ranto")

        def notice() -> str:
            page = wizard.currentPage()
            return " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())

        # While typing, the draft that cannot be kept is said once under the form, no dialog.
        qtbot.waitUntil(lambda: "tidak dapat disimpan sebagai draf" in notice(), timeout=10_000)
        write(qtbot, field(wizard.currentPage(), "Alamat", QLineEdit), "Jl. Kapuas 7")
        qtbot.wait(AUTOSAVE_DELAY_MS + 500)
        assert dialog_log.shown == []
        dialog_log.answer = False  # "close anyway?" - no, stay in the form
        assert not controller.close_window()
        assert controller.window is window and window.isVisible() and wizard.isVisible()
        assert name.text() == "Agustinus Ranto"
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
    import os

    from dumas_desktop.ui.drafts import DraftNotSaved, DraftStore

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    store = DraftStore(tmp_path, tmp_path / "kantor.dumas")
    store.save("penerimaan", {"nama": "Agustinus"})
    monkeypatch.setattr(os, "fsync", full)  # a full disk shows when the written text is synced
    with pytest.raises(DraftNotSaved, match="ruang disk penuh"):
        store.save("penerimaan", {"nama": "Agustinus Ranto"})
    assert not any(tmp_path.rglob("*.tmp"))
    assert store.load("penerimaan") == {"nama": "Agustinus"}  # the draft before stays whole
