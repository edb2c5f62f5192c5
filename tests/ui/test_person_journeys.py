"""Cases taken through the real main window as a person does it: Ctrl+N, clicks on what
the screen shows, typing; every paper the steps offer saved as a PDF from its preview."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QWidget

from dumas_desktop.ui.paper_dialog import PaperDialog

from .conftest import wait_idle
from .officer import (
    REPORTER,
    close_other_windows,
    finish_step,
    open_step_from_queue,
    pdf_title,
    print_papers,
    reason,
    record_complaint,
)
from .person import (
    TIMEOUT,
    beside,
    button,
    choose,
    field,
    fill,
    pick,
    press,
    shown,
    tick,
    type_cell,
    type_row,
    wait_for,
)


def _office_with_signatories(templates, tmp_path, sop: str):
    """The office as its set-up left it: an official for every SOP actor who signs papers
    (the journeys begin after that set-up, at the front desk)."""
    import shutil

    path = tmp_path / f"{sop}.dumas"
    shutil.copyfile(templates[sop], path)
    _add_signatories(path)
    return path


def _journey_office(sop: str, backend: str, request):
    """The set-up office on the backend under test: a file, or the office's server (a
    database made from the test template), the same journey through the same window."""
    if backend == "postgresql":
        source = request.getfixturevalue("pg_database")(sop)
        _add_signatories(source)
        return source
    return _office_with_signatories(request.getfixturevalue("templates"), request.getfixturevalue("tmp_path"), sop)


def _add_signatories(source) -> None:
    from dumas_desktop.domain.access import EXTERNAL_ACTORS
    from dumas_desktop.services import office
    from dumas_desktop.services.context import Workspace
    from dumas_desktop.storage.database import open_database

    ws = Workspace(open_database(source), actor="pengaturan")
    try:
        with ws.db.read() as session:
            actors = ws.home_profile(session).actors
        for number, (key, label) in enumerate(sorted(actors.items()), start=1):
            if key not in EXTERNAL_ACTORS:
                office.add_official(ws, f"Pejabat {number}", label, actor=key)
    finally:
        ws.db.close()


CRITERIA = (
    "Syarat formil: identitas pelapor",
    "Syarat formil: bukti dukung",
    "Syarat formil: waktu kejadian dan tenggat",
    "Syarat materiil: tempat kejadian",
    "Syarat materiil: peristiwa yang diadukan",
    "Syarat materiil: ketentuan yang dilanggar",
)

SANGGAU_PAPERS = {
    "Tanda terima pengaduan",
    "Formulir pengaduan masyarakat",
    "Lembar disposisi",
    "Kertas kerja telaah",
    "Hasil telaah",
    "Hasil telaah lanjutan",
    "Surat tugas",
    "Surat undangan",
    "Daftar hadir",
    "Draf berita acara verifikasi dan klarifikasi",
    "Berita acara verifikasi dan klarifikasi",
    "Berita acara rapat pleno",
    "Surat pengantar kepada KPU RI",
    "Tanda terima surat pengantar",
    "Tanda terima hasil tindak lanjut",
    "Berkas lengkap pengaduan",  # offered at every step
}


def on_screen(root: QWidget) -> str:
    """Every text a person can read in the window: labels and buttons."""
    texts = [w.text() for w in root.findChildren(QLabel) if shown(w)]
    texts += [w.text() for w in root.findChildren(QAbstractButton) if shown(w)]
    return "\n".join(texts)


def disposition(qtbot, wizard) -> None:
    fill(qtbot, wizard, "Pemberi disposisi", "Yosef Ringgo")
    fill(qtbot, wizard, "Jabatan pemberi", "Ketua KPU Kabupaten Sanggau")
    fill(qtbot, wizard, "Isi disposisi", "Tindak lanjuti sesuai SOP")


def worksheet(qtbot, wizard) -> None:
    for label in CRITERIA:
        pick(qtbot, wizard, label, "Terpenuhi")
    fill(qtbot, wizard, "Peraturan yang dirujuk", "PKPU Nomor 8 Tahun 2019")
    fill(qtbot, wizard, "Analisis", "Uraian pelapor didukung foto kegiatan kampanye.")
    fill(qtbot, wizard, "Kesimpulan", "Memenuhi syarat formil dan materiil.")


@pytest.mark.both_backends
def test_sanggau_complaint_with_a_hearing_from_ctrl_n_to_closure(
    window_for, qtbot, dialog_log, tmp_path, monkeypatch, backend, request
):
    window = window_for("sanggau-2026", path=_journey_office("sanggau-2026", backend, request))
    papers = tmp_path / "pdf"
    papers.mkdir()
    printed: set[tuple[str, str]] = set()

    def print_all() -> list[str]:
        return [p.name for p in print_papers(qtbot, window, number, papers, monkeypatch, printed)]

    number = record_complaint(qtbot, window, dialog_log)
    close_other_windows(qtbot, window)
    assert print_all()  # the receipt for the reporter

    wizard = open_step_from_queue(qtbot, window, "Skrining", number)
    assert "Langkah 2" in wizard.windowTitle()
    pick(qtbot, wizard, "Klasifikasi", "Netralitas penyelenggara")
    disposition(qtbot, wizard)
    wizard = finish_step(qtbot, window, wizard, dialog_log)

    assert "Langkah 3" in wizard.windowTitle()
    worksheet(qtbot, wizard)
    pick(qtbot, wizard, "Hasil telaah", "Lengkap")
    choose(qtbot, wizard, "Lengkap: diteruskan ke Tim Telaah")
    wizard = finish_step(qtbot, window, wizard, dialog_log)

    assert "Langkah 4" in wizard.windowTitle()
    worksheet(qtbot, wizard)
    pick(qtbot, wizard, "Perlu verifikasi dan klarifikasi?", "Ya, perlu")
    wizard = finish_step(qtbot, window, wizard, dialog_log)

    assert "Langkah 5" in wizard.windowTitle()
    disposition(qtbot, wizard)
    choose(qtbot, wizard, "Perlu verifikasi dan klarifikasi")
    wizard = finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    print_all()

    # Step 6, the hearing: first the plan, read from the form when the button is pressed.
    wizard = open_step_from_queue(qtbot, window, "Kertas Kerja Telaah", number)
    assert "Langkah 6" in wizard.windowTitle()
    fill(qtbot, wizard, "Tempat", "Ruang rapat KPU Kabupaten Sanggau")
    team = field(wizard, "Tim klarifikasi", QTableWidget)
    type_row(qtbot, team, 0, ["Fransiskus Ahi", "Anggota KPU Kabupaten Sanggau"])  # Tab from name to position
    type_row(qtbot, team, 1, ["Yakobus Liu", "Kasubbag Hukum"])
    press(qtbot, wizard, "Tambah saksi")
    guests = field(wizard, "Saksi dan pihak terkait yang juga diundang", QTableWidget)
    type_cell(qtbot, guests, 0, 1, "Benediktus Ajun")
    type_cell(qtbot, guests, 0, 2, "Warga Desa Beringin")
    press(qtbot, wizard, "Tambah pihak terkait")
    type_cell(qtbot, guests, 1, 1, "Ketua PPK Kapuas")
    type_cell(qtbot, guests, 1, 2, "Atasan terlapor")
    press(qtbot, wizard, "Simpan rencana dan terbitkan nomor surat tugas dan undangan")
    wait_idle(qtbot, window)
    assert not [t for t in dialog_log.texts("warn") if "Data belum benar" in t], dialog_log.texts("warn")
    qtbot.waitUntil(lambda: _recording(wizard), timeout=10_000)  # the same page, now for the day itself
    assert not [b for b in wizard.findChildren(QPushButton) if b.isVisible() and b.text().startswith("Simpan rencana")]
    press(qtbot, wizard, "Simpan draf dan tutup")
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)

    invitations = print_all()
    undangan = [name for name in invitations if "undangan" in name.lower()]
    assert len(undangan) == 4, invitations  # reporter, respondent, witness, related party
    assert any("tugas" in name.lower() for name in invitations), invitations

    # On the day: who came and what they said.
    wizard = open_step_from_queue(qtbot, window, "Kertas Kerja Telaah", number)
    for person, statement in (
        (f"Pelapor: {REPORTER}", "Menjelaskan kronologi kejadian"),
        ("Terlapor: Yohanes Bilung", "Membantah hadir sebagai peserta kampanye"),
        ("Saksi: Benediktus Ajun", "Melihat terlapor di lokasi kampanye"),
    ):
        tick(qtbot, wizard, person)
        type_statement(qtbot, beside(wizard, person, QLineEdit), statement)
    fill(qtbot, wizard, "Ringkasan hasil klarifikasi", "Keterangan para pihak dicatat.")
    wizard = finish_step(qtbot, window, wizard, dialog_log)

    assert "Langkah 7" in wizard.windowTitle()
    fill(qtbot, wizard, "Tempat", "Sanggau")
    fill(qtbot, wizard, "Bukti-bukti", "Keterangan saksi dalam klarifikasi")
    fill(qtbot, wizard, "Petitum/putusan", "Terlapor terbukti tidak netral")
    wizard = finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    print_all()
    draft = next(p for p in papers.glob("*.pdf") if pdf_title(p) == "Draf berita acara verifikasi dan klarifikasi")
    said = " ".join(" ".join(page.extract_text() for page in PdfReader(draft).pages).split())
    assert "Benediktus Ajun" in said and "Melihat terlapor di lokasi kampanye" in said  # what was typed on the day

    wizard = open_step_from_queue(qtbot, window, "Berita Acara Pleno", number)
    assert "Langkah 8" in wizard.windowTitle()
    fill(qtbot, wizard, "Tempat", "Ruang pleno")
    fill(qtbot, wizard, "Pimpinan rapat", "Yosef Ringgo")
    fill(qtbot, wizard, "Anggota yang hadir (satu nama per baris)", "Yosef Ringgo\nFransiskus Ahi")
    fill(qtbot, wizard, "Keputusan", "Menetapkan berita acara")
    choose(qtbot, wizard, "Berita acara ditetapkan")
    wizard = finish_step(qtbot, window, wizard, dialog_log)

    assert "Langkah 9" in wizard.windowTitle()
    fill(qtbot, wizard, "Diterima oleh", "Persuratan KPU RI")
    wizard = finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    print_all()

    wizard = open_step_from_queue(qtbot, window, "Berita Acara Pleno", number)
    assert "Langkah 10" in wizard.windowTitle()
    pick(qtbot, wizard, "Jenis tindak lanjut", "Diteruskan ke DKPP")
    fill(qtbot, wizard, "Hasil tindak lanjut dan kesimpulan", "Diteruskan ke DKPP untuk diperiksa")
    finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    print_all()
    assert {title for title, _ in printed} == SANGGAU_PAPERS  # every paper the ten steps offer
    invited = {to for title, to in printed if title == "Surat undangan"}
    assert invited == {REPORTER, "Yohanes Bilung", "Benediktus Ajun", "Ketua PPK Kapuas"}
    assert window.statusBar().currentMessage() == f"Pengaduan {number} selesai."


def _recording(wizard) -> bool:
    return any(label == "Dilaksanakan pada" for label in _labels(wizard))


def _labels(wizard) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in wizard.findChildren(QLabel) if label.isVisible()]


def type_statement(qtbot, edit: QLineEdit, text: str) -> None:
    from .person import write

    write(qtbot, edit, text)
    assert edit.text() == text


def test_sanggau_complaint_without_a_hearing_from_ctrl_n_to_closure(
    window_for, qtbot, dialog_log, tmp_path, monkeypatch, templates
):
    window = window_for("sanggau-2026", path=_office_with_signatories(templates, tmp_path, "sanggau-2026"))
    papers = tmp_path / "pdf"
    papers.mkdir()
    printed: set[tuple[str, str]] = set()
    number = record_complaint(qtbot, window, dialog_log)
    close_other_windows(qtbot, window)

    wizard = open_step_from_queue(qtbot, window, "Skrining", number)
    pick(qtbot, wizard, "Klasifikasi", "Pelayanan publik")
    disposition(qtbot, wizard)
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    worksheet(qtbot, wizard)
    pick(qtbot, wizard, "Hasil telaah", "Lengkap")
    choose(qtbot, wizard, "Lengkap: diteruskan ke Tim Telaah")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    worksheet(qtbot, wizard)
    pick(qtbot, wizard, "Perlu verifikasi dan klarifikasi?", "Tidak perlu")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 5" in wizard.windowTitle()
    disposition(qtbot, wizard)
    choose(qtbot, wizard, "Tidak perlu verifikasi dan klarifikasi: langsung menyusun berita acara")
    wizard = finish_step(qtbot, window, wizard, dialog_log)

    assert "Langkah 7" in wizard.windowTitle()  # the hearing is skipped
    fill(qtbot, wizard, "Tempat", "Sanggau")
    fill(qtbot, wizard, "Bukti-bukti", "Salinan formulir dari pelapor")
    fill(qtbot, wizard, "Petitum/putusan", "Pelayanan diperbaiki")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 8" in wizard.windowTitle()
    # The plenary sees the draft it adopts: version and petitum, and the paper itself.
    assert "versi 1" in on_screen(wizard) and "Pelayanan diperbaiki" in on_screen(wizard)
    press(qtbot, wizard, "Lihat rancangan berita acara…")
    preview = wait_for(qtbot, PaperDialog, "Draf berita acara verifikasi dan klarifikasi")
    assert preview.document.pageCount() >= 1
    press(qtbot, preview, "Tutup")
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=TIMEOUT)
    fill(qtbot, wizard, "Tempat", "Ruang pleno")
    fill(qtbot, wizard, "Pimpinan rapat", "Yosef Ringgo")
    fill(qtbot, wizard, "Anggota yang hadir (satu nama per baris)", "Yosef Ringgo")
    fill(qtbot, wizard, "Keputusan", "Menetapkan berita acara")
    choose(qtbot, wizard, "Berita acara ditetapkan")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    fill(qtbot, wizard, "Diterima oleh", "Persuratan KPU RI")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 10" in wizard.windowTitle()
    pick(qtbot, wizard, "Jenis tindak lanjut", "Tindak lanjut lainnya")
    fill(qtbot, wizard, "Hasil tindak lanjut dan kesimpulan", "Pelayanan diperbaiki oleh sekretariat")
    finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    assert window.statusBar().currentMessage() == f"Pengaduan {number} selesai."

    print_papers(qtbot, window, number, papers, monkeypatch, printed)
    titles = {title for title, _ in printed}
    hearing_papers = {"Surat tugas", "Surat undangan", "Daftar hadir"}
    assert titles == SANGGAU_PAPERS - hearing_papers, titles


@pytest.mark.both_backends
def test_sumbar_complaint_from_ctrl_n_to_closure(
    window_for, qtbot, dialog_log, tmp_path, monkeypatch, backend, request
):
    window = window_for("sumbar-2022", path=_journey_office("sumbar-2022", backend, request))
    papers = tmp_path / "pdf"
    papers.mkdir()
    printed: set[tuple[str, str]] = set()
    number = record_complaint(qtbot, window, dialog_log, location="Kota Padang")
    close_other_windows(qtbot, window)

    wizard = open_step_from_queue(qtbot, window, "Penerimaan", number)
    assert "Langkah 1" in wizard.windowTitle()  # Sumbar's first step needs the disposition
    # Ticked at intake, so not asked again; the printed e-mail does not apply in person.
    assert button(wizard, "Pengaduan telah dicatat dalam buku surat masuk").isChecked()
    assert "Pengaduan melalui surel telah dicetak" not in on_screen(wizard)
    # The Secretary's official gives the disposition, to whoever does step 2.
    assert field(wizard, "Pemberi disposisi", QLineEdit).text() == "Pejabat 4"
    assert field(wizard, "Jabatan pemberi", QLineEdit).text() == "Sekretaris"
    assert field(wizard, "Diteruskan kepada", QLineEdit).text() == "Kepala Bagian Hukum dan SDM"
    pick(qtbot, wizard, "Klasifikasi", "Pelayanan publik")
    disposition(qtbot, wizard)
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 2" in wizard.windowTitle()
    fill(qtbot, wizard, "Kepada", "Kasubag Hukum")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 3" in wizard.windowTitle()
    worksheet(qtbot, wizard)
    fill(qtbot, wizard, "Survei pendahuluan (klarifikasi, konfirmasi, penelitian)", "Klarifikasi ke unit layanan")
    assert not button(wizard, "Selesaikan langkah").isEnabled()  # the result of the review is not chosen yet
    assert "Pilih Hasil telaah" in reason(wizard)
    pick(qtbot, wizard, "Hasil telaah", "Lengkap")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 4" in wizard.windowTitle()
    # The settlement starts from what step 3 found, and says so.
    assert "Diisi dari telaah langkah 3; dapat diubah." in on_screen(wizard)
    assert field(wizard, "Peraturan yang dirujuk", QPlainTextEdit).toPlainText() == "PKPU Nomor 8 Tahun 2019"
    assert (
        field(wizard, "Survei pendahuluan (klarifikasi, konfirmasi, penelitian)", QPlainTextEdit).toPlainText()
        == "Klarifikasi ke unit layanan"
    )
    assert field(wizard, "Analisis", QPlainTextEdit).toPlainText() == "Uraian pelapor didukung foto kegiatan kampanye."
    fill(qtbot, wizard, "Analisis", "Unit layanan mengakui keterlambatan.")  # still the officer's to change
    fill(qtbot, wizard, "Tanggapan dan penyelesaian", "Layanan diperbaiki")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 5" in wizard.windowTitle()
    fill(qtbot, wizard, "Nomor surat masuk", "12/UM/2026")
    fill(qtbot, wizard, "Pengirim", "Bagian Umum")
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 6" in wizard.windowTitle()
    # The Head of Legal's official gives this disposition, to the Head of Subdivision (step 7).
    assert field(wizard, "Pemberi disposisi", QLineEdit).text() == "Pejabat 1"
    assert field(wizard, "Jabatan pemberi", QLineEdit).text() == "Kepala Bagian Hukum dan SDM"
    assert field(wizard, "Diteruskan kepada", QLineEdit).text() == "Kepala Subbagian Hukum"
    disposition(qtbot, wizard)
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 7" in wizard.windowTitle()
    wizard = finish_step(qtbot, window, wizard, dialog_log)
    assert "Langkah 8" in wizard.windowTitle()
    finish_step(qtbot, window, wizard, dialog_log, go_on=False)
    assert window.statusBar().currentMessage() == f"Pengaduan {number} selesai."
    print_papers(qtbot, window, number, papers, monkeypatch, printed)
    assert {title for title, _ in printed} == {
        "Tanda terima pengaduan",
        "Formulir pengaduan masyarakat",
        "Lembar disposisi",
        "Nota dinas",
        "Kertas kerja telaah",
        "Hasil telaah",
        "Surat/laporan hasil telaah",
        "Berkas lengkap pengaduan",
    }
