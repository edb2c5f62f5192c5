"""A case driven through the eight steps of the Sumatera Barat SOP."""

from __future__ import annotations

from datetime import datetime

import pytest

from dumas_desktop.domain.errors import RequirementsMissing
from dumas_desktop.services import case_file, forwarding, intake, queries, review, screening, workflow
from dumas_desktop.services.forwarding import LetterInput
from dumas_desktop.services.screening import DispositionInput

from .builders import complaint, worksheet


@pytest.mark.both_backends
def test_full_case(sumbar_ws, clock):
    ws = sumbar_ws
    received = intake.receive(
        ws, complaint(clock(), channel="surat_elektronik", location="Kota Padang"), complete_step=False
    )
    assert received.agenda_number == "001/DUMAS/13/2026"
    with pytest.raises(RequirementsMissing) as refused:
        workflow.complete(ws, received.case_id, confirmations={"buku_surat_masuk"})
    assert "Klasifikasi pengaduan" in refused.value.missing
    assert "Lembar disposisi Sekretaris" in refused.value.missing
    assert "Pengaduan melalui surel telah dicetak" in refused.value.missing
    step = screening.register(
        ws,
        received.case_id,
        "pelayanan",
        DispositionInput("Sekretaris KPU Provinsi", "Kabag Hukum dan SDM", "Tindak lanjuti", "Sekretaris"),
        confirmations={"buku_surat_masuk", "cetak_surel"},
    )
    assert step is not None and step.next_step == "nota_dinas"
    assert step.due_at == datetime(2026, 3, 4, 16, 0)  # 2 working days

    case_id = received.case_id
    clock.advance(days=1)
    _, step = forwarding.record_letter(
        ws,
        case_id,
        LetterInput("nota_dinas", "keluar", clock().date(), "Telaah pengaduan", "Kasubag Hukum"),
        complete=True,
    )
    assert step is not None and step.next_step == "penelaahan"
    assert step.due_at == datetime(2026, 3, 12, 16, 0)  # 7 working days after Tuesday 3 March

    clock.set(datetime(2026, 3, 10, 17, 0))  # past day 5: due soon, not yet overdue
    assert queries.deadline_states(ws)[case_id] == "segera"
    with pytest.raises(RequirementsMissing, match="Peraturan yang dirujuk"):
        review.save_review(ws, case_id, worksheet(rules_cited=""), complete=True)
    step = review.save_review(ws, case_id, worksheet(survey="Klarifikasi ke Bagian Umum"), complete=True)
    assert step is not None and step.next_step == "penyelesaian" and step.due_at is None
    assert queries.deadline_states(ws)[case_id] == "tanpa_batas"

    clock.advance(days=2)
    step = review.save_settlement(ws, case_id, worksheet(conclusion="Layanan diperbaiki"), complete=True)
    assert step is not None and step.next_step == "jawaban_tindak_lanjut"
    letter = LetterInput("laporan_hasil_telaah", "masuk", clock().date(), "Jawaban", "Bagian Umum", number="12/UM/2026")
    with pytest.raises(RequirementsMissing, match="disetujui Kabag"):
        forwarding.record_letter(ws, case_id, letter, complete=True)
    _, step = forwarding.record_letter(ws, case_id, letter, complete=True, confirmations={"disetujui_kabag"})
    assert step is not None and step.next_step == "disposisi_rekap"
    step = screening.record_disposition(
        ws, case_id, DispositionInput("Kabag Hukum dan SDM", "Kasubag Hukum", "Catat dan rekap"), complete=True
    )
    assert step is not None and step.next_step == "rekapitulasi"
    step = workflow.complete(ws, case_id, confirmations={"matriks_pengaduan"})
    assert step.next_step == "pelaporan"
    step = workflow.complete(ws, case_id, confirmations={"berkas_laporan"})
    assert (step.status, step.next_step) == ("selesai", "")
    detail = case_file.case_detail(ws, case_id)
    assert [s.no for s in detail.steps] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert detail.closure_kind == "selesai"


@pytest.mark.both_backends
def test_sumbar_has_no_completion_branch(sumbar_ws, clock):
    ws = sumbar_ws
    case_id = intake.receive(ws, complaint(clock()), complete_step=False).case_id
    with pytest.raises(Exception, match="tidak mengatur permintaan kelengkapan"):
        screening.request_completion(ws, case_id)
    assert case_file.case_detail(ws, case_id).current_step == "penerimaan"
