"""What a person reads when two versions of a case are compared: the case's own fields and
those of every record kept with it (people, letters, dispositions, worksheets, minutes…),
named in Indonesian, with technical columns (ids, hashes, office codes) left out."""

from __future__ import annotations

from typing import Any

from ..domain import catalog

TABLES = {
    "parties": "Pihak",
    "evidence": "Bukti",
    "step_records": "Langkah",
    "completion_requests": "Permintaan kelengkapan",
    "dispositions": "Disposisi/nota dinas",
    "worksheets": "Kertas kerja",
    "hearings": "Klarifikasi",
    "hearing_participants": "Peserta klarifikasi",
    "minutes": "Berita acara",
    "letters": "Surat",
    "kpu_decisions": "Keputusan KPU RI",
    "issued_documents": "Dokumen terbit",
}

COLUMNS: dict[str, dict[str, str]] = {
    "parties": {
        "role": "Peran",
        "name": "Nama",
        "id_kind": "Jenis identitas",
        "id_number": "Nomor identitas",
        "address": "Alamat",
        "phone": "Telepon",
        "email": "Surel",
        "occupation": "Pekerjaan",
        "position": "Jabatan",
        "unit": "Unit kerja",
        "confidentiality": "Kerahasiaan",
    },
    "evidence": {"name": "Nama berkas", "description": "Keterangan", "added_at": "Ditambahkan"},
    "step_records": {
        "step_key": "Langkah",
        "started_at": "Mulai",
        "due_at": "Batas waktu",
        "completed_at": "Selesai",
        "outcome": "Hasil",
        "note": "Catatan",
    },
    "completion_requests": {
        "requested_at": "Diminta",
        "due_at": "Batas waktu",
        "missing_items": "Kekurangan",
        "resolved_at": "Dijawab",
        "outcome": "Hasil",
        "note": "Catatan",
    },
    "dispositions": {
        "given_at": "Tanggal",
        "from_name": "Dari",
        "from_position": "Jabatan pemberi",
        "to_name": "Kepada",
        "instruction": "Isi/arahan",
        "number": "Nomor",
    },
    "worksheets": {
        "identity_ok": "Identitas pelapor",
        "identity_note": "Catatan identitas",
        "evidence_ok": "Bukti dukung",
        "evidence_note": "Catatan bukti",
        "time_ok": "Waktu kejadian",
        "time_note": "Catatan waktu",
        "place_ok": "Tempat kejadian",
        "place_note": "Catatan tempat",
        "event_ok": "Uraian kejadian",
        "event_note": "Catatan uraian",
        "rule_ok": "Ketentuan yang dilanggar",
        "rule_note": "Catatan ketentuan",
        "rules_cited": "Peraturan",
        "survey": "Penelusuran",
        "analysis": "Analisis",
        "conclusion": "Kesimpulan",
        "result": "Hasil telaah",
        "missing_items": "Kekurangan",
        "hearing_needed": "Perlu klarifikasi",
        "reviewer": "Penelaah",
    },
    "hearings": {
        "scheduled_at": "Waktu",
        "place": "Tempat",
        "agenda": "Acara",
        "status": "Keadaan",
        "held_at": "Dilaksanakan",
        "summary": "Ringkasan",
        "assignment_number": "Nomor surat tugas",
    },
    "hearing_participants": {
        "role": "Peran",
        "name": "Nama",
        "position": "Jabatan",
        "invitation_number": "Nomor undangan",
        "attended": "Hadir",
        "statement": "Keterangan",
    },
    "minutes": {
        "version": "Versi",
        "status": "Keadaan",
        "place": "Tempat",
        "chronology": "Kronologi",
        "identities": "Identitas",
        "evidence_summary": "Bukti-bukti",
        "petitum": "Petitum/putusan",
        "recommended_sanction": "Rekomendasi sanksi",
        "adopted_at": "Ditetapkan",
        "correction_reason": "Alasan koreksi",
    },
    "letters": {
        "kind": "Jenis",
        "number": "Nomor",
        "letter_date": "Tanggal",
        "subject": "Perihal",
        "counterpart": "Kepada/dari",
        "receipt_at": "Diterima",
        "receipt_by": "Diterima oleh",
        "note": "Catatan",
    },
    "kpu_decisions": {
        "decided_at": "Tanggal keputusan",
        "kind": "Jenis tindak lanjut",
        "summary": "Hasil tindak lanjut",
        "letter_number": "Nomor surat",
        "received_at": "Diterima",
    },
    "issued_documents": {"title": "Judul", "recipient": "Kepada", "number": "Nomor", "issued_on": "Tanggal"},
}

YES_NO = {"identity_ok", "evidence_ok", "time_ok", "place_ok", "event_ok", "rule_ok", "hearing_needed", "attended"}


def shown(table: str, column: str, value: Any) -> str:
    if value is None or value == "":
        return "-"
    if column in YES_NO:
        return "Ya" if value in (1, "1", True, "True") else "Tidak"
    if table == "kpu_decisions" and column == "kind":
        return catalog.KPU_DECISION_KINDS.get(str(value), str(value))
    if column == "role" and table in ("parties", "hearing_participants"):
        return catalog.PARTY_ROLES.get(str(value), str(value))
    return str(value)


def row_name(table: str, row: dict[str, Any]) -> str:
    """A few words that tell a person which record this is."""
    for column in ("name", "title", "number", "subject", "step_key", "kind"):
        if row.get(column):
            return f"{TABLES[table]} {row[column]}"
    return TABLES[table]


def differences(table: str, mine: dict[str, Any], theirs: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, here, incoming) for every field a person reads that differs."""
    found = []
    for column, label in COLUMNS.get(table, {}).items():
        here, incoming = shown(table, column, mine.get(column)), shown(table, column, theirs.get(column))
        if here != incoming:
            found.append((f"{row_name(table, theirs)}: {label}", here, incoming))
    return found
