"""The fixed vocabularies of the domain, with their Indonesian labels."""

from __future__ import annotations

import re

CHANNELS: dict[str, str] = {
    "kotak_aduan": "Kotak aduan",
    "surat": "Surat",
    "surat_elektronik": "Surat elektronik (surel)",
    "pesan_elektronik": "Pesan elektronik",
    "datang_langsung": "Datang langsung",
    "lainnya": "Lainnya",
}

PARTY_ROLES: dict[str, str] = {
    "reporter": "Pelapor",
    "respondent": "Terlapor",
    "witness": "Saksi",
    "related": "Pihak terkait",
}

ID_KINDS: dict[str, str] = {
    "nik": "NIK",
    "paspor": "Paspor",
    "sim": "SIM",
    "lainnya": "Nomor identitas lain",
}

# The reporter's choice: identity kept confidential, or the whole report kept confidential.
CONFIDENTIALITY: dict[str, str] = {
    "terbuka": "Identitas boleh diketahui",
    "identitas": "Identitas pelapor dirahasiakan",
    "seluruh": "Seluruh laporan dirahasiakan",
}

STATUSES: dict[str, str] = {
    "proses": "Dalam proses",
    "menunggu_pelapor": "Menunggu kelengkapan pelapor",
    "selesai": "Selesai",
    "batal": "Dibatalkan (nomor tetap tercatat)",
}

CLOSURE_KINDS: dict[str, str] = {
    "selesai": "Selesai ditindaklanjuti",
    "ditolak": "Ditolak karena tidak dilengkapi",
    "bukan_kewenangan": "Bukan kewenangan KPU, dilimpahkan",
    "duplikat": "Duplikat pengaduan lain",
    "dicabut": "Dicabut oleh pelapor",
}

# Where a complaint outside KPU's authority is referred to.
REFERRAL_TARGETS: dict[str, str] = {
    "bawaslu": "Bawaslu",
    "dkpp": "DKPP",
    "ombudsman": "Ombudsman",
    "kepolisian": "Kepolisian",
    "instansi_lain": "Instansi lain",
}
# The name each common body's letter is addressed to, until the office sets its own (with
# the address) in Pengaturan.
REFERRAL_BODIES: dict[str, str] = {
    "bawaslu": "Ketua Badan Pengawas Pemilihan Umum",
    "dkpp": "Ketua Dewan Kehormatan Penyelenggara Pemilu",
    "ombudsman": "Kepala Perwakilan Ombudsman Republik Indonesia",
    "kepolisian": "Kepala Kepolisian Resor",
}
_OFFICE_AREA = re.compile(r"\b(Provinsi|Kabupaten|Kota)\s+(\S.*)$", re.IGNORECASE)


def default_referral_addressee(target: str, office_name: str) -> str:
    """Whom a common body's referral letter goes to before the office types its own: the
    body of the office's own area where the office's name says the area ("KPU Kabupaten
    Sanggau" refers to Bawaslu Kabupaten Sanggau and Polres Sanggau), else the body's
    national or generic title."""
    generic = REFERRAL_BODIES.get(target, REFERRAL_TARGETS.get(target, target))
    found = _OFFICE_AREA.search(" ".join(office_name.split()))
    if found is None:
        return generic
    kind, area = found.group(1).title(), found.group(2)
    if target == "bawaslu":
        return f"Ketua Bawaslu {kind} {area}"
    if target == "kepolisian":
        if kind == "Provinsi":
            return f"Kepala Kepolisian Daerah {area}"
        return f"Kepala Kepolisian Resor {'Kota ' if kind == 'Kota' else ''}{area}"
    if target == "ombudsman" and kind == "Provinsi":
        return f"{generic} Provinsi {area}"
    return generic


# The papers an early closure produces (a profile's [closures] table may name others).
CLOSURE_OUTPUTS: dict[str, tuple[str, ...]] = {
    "bukan_kewenangan": ("surat_penerusan", "pemberitahuan_pelapor"),
    "duplikat": ("pemberitahuan_pelapor",),
    "dicabut": ("pemberitahuan_pelapor",),
}

KPU_DECISION_KINDS: dict[str, str] = {
    "dkpp": "Diteruskan ke DKPP",
    "pejabat_asn": "Diteruskan kepada pejabat yang berwenang menjatuhkan sanksi ASN",
    "sanksi_kpu": "Sanksi oleh KPU",
    "tidak_terbukti": "Tidak terbukti ada pelanggaran",
    "lainnya": "Tindak lanjut lainnya",
}

# What each SOP step's wizard page collects; a profile's step names one of these.
FORMS: dict[str, str] = {
    "receive": "Penerimaan pengaduan",
    "register": "Penatausahaan dan klasifikasi",
    "review": "Kertas kerja telaah",
    "further_review": "Telaah lanjutan",
    "handover": "Penyampaian hasil dan disposisi",
    "hearing": "Verifikasi dan klarifikasi",
    "draft_minutes": "Penyusunan berita acara",
    "plenary": "Rapat pleno",
    "forward": "Penyampaian kepada KPU RI",
    "decision": "Keputusan KPU RI",
    "memo": "Nota dinas",
    "settle": "Penyelesaian pengaduan",
    "reply": "Jawaban tindak lanjut",
    "disposition": "Disposisi",
    "recap": "Rekapitulasi",
    "report": "Laporan",
}

# What each computed requirement (domain.checks.CHECKS) looks at, for the profile editor's
# choice of checks; a test keeps the two lists the same.
CHECK_LABELS: dict[str, str] = {
    "reporter_identified": "Identitas pelapor tercatat",
    "complaint_content": "Pokok dan uraian pengaduan terisi",
    "case_location": "Lokasi kejadian terisi",
    "respondent_identified": "Terlapor tercatat",
    "evidence_attached": "Bukti dukung terlampir",
    "classified": "Pengaduan telah diklasifikasi",
    "channel_email": "Pengaduan masuk melalui surel",
    "disposition_sheet": "Lembar disposisi telah dibuat",
    "step_disposition": "Disposisi untuk langkah ini telah dibuat",
    "review_done": "Kertas kerja telaah selesai (penilaian dan kesimpulan)",
    "rules_cited": "Ketentuan yang diduga dilanggar dicantumkan",
    "review_found_complete": "Hasil telaah: lengkap",
    "review_found_incomplete": "Hasil telaah: tidak lengkap",
    "missing_items_listed": "Daftar kekurangan bagi pelapor terisi",
    "further_review_done": "Telaah lanjutan selesai",
    "hearing_needed": "Telaah lanjutan: perlu verifikasi dan klarifikasi",
    "hearing_not_needed": "Telaah lanjutan: tidak perlu verifikasi dan klarifikasi",
    "hearing_planned": "Rencana klarifikasi tercatat",
    "hearing_held": "Klarifikasi telah dilaksanakan dan dicatat",
    "minutes_drafted": "Draf berita acara tersusun",
    "minutes_adopted": "Berita acara ditetapkan dalam pleno",
    "plenary_recorded": "Rapat pleno tercatat",
    "cover_letter_sent": "Surat pengantar kepada KPU RI tercatat",
    "cover_letter_receipt": "Tanda terima surat pengantar tercatat",
    "kpu_decision_recorded": "Keputusan KPU RI tercatat",
    "memo_recorded": "Nota dinas tercatat",
    "settlement_recorded": "Penyelesaian pengaduan tercatat",
    "reply_received": "Jawaban tindak lanjut diterima",
}

DOCUMENT_KINDS: dict[str, str] = {
    "formulir_pengaduan": "Formulir pengaduan masyarakat",
    "tanda_terima": "Tanda terima pengaduan",
    "cetakan_surel": "Cetakan surel pengaduan",
    "lembar_disposisi": "Lembar disposisi",
    "permintaan_kelengkapan": "Surat permintaan kelengkapan pengaduan",
    "surat_penolakan": "Surat penolakan pengaduan",
    "nota_dinas": "Nota dinas",
    "kertas_kerja_telaah": "Kertas kerja telaah",
    "hasil_telaah": "Hasil telaah",
    "hasil_telaah_lanjutan": "Hasil telaah lanjutan",
    "surat_tugas": "Surat tugas",
    "surat_undangan": "Surat undangan",
    "daftar_hadir": "Daftar hadir",
    "draf_berita_acara": "Draf berita acara verifikasi dan klarifikasi",
    "berita_acara": "Berita acara verifikasi dan klarifikasi",
    "berita_acara_pleno": "Berita acara rapat pleno",
    "surat_pengantar": "Surat pengantar kepada KPU RI",
    "tanda_terima_pengantar": "Tanda terima surat pengantar",
    "tanda_terima_tindak_lanjut": "Tanda terima hasil tindak lanjut",
    "laporan_hasil_telaah": "Surat/laporan hasil telaah",
    "surat_penerusan": "Surat penerusan pengaduan kepada instansi berwenang",
    "pemberitahuan_pelapor": "Surat pemberitahuan kepada pelapor",
    "rekapitulasi_pengaduan": "Rekapitulasi pengaduan (Excel)",
    "laporan_pengaduan": "Laporan pengaduan (Excel)",
}

OFFICE_LEVELS: dict[str, str] = {
    "provinsi": "KPU Provinsi",
    "kabupaten/kota": "KPU Kabupaten/Kota",
}

# Default numbering: the SOP's {seq}/{classification}/{office_code}/{year}.
DEFAULT_AGENDA_PATTERN = "{seq:03d}/DUMAS/{office_code}/{year}"
DEFAULT_LETTER_PATTERN = "{seq}/{classification}/{office_code}/{year}"
DEFAULT_ARCHIVE_CODE = "HK.06"

# Number series, after the KPU rules on official papers (tata naskah dinas): outgoing
# letters (surat dinas) run on one number a year, each kind with its own classification
# code; berita acara, nota dinas, surat tugas and dispositions each run on their own, with
# the kind's mark after the classification code (as in "12/HK.06-BA/6103/2026"), so that no
# two series can give the same number. An office may put a kind in another series.
NUMBER_SERIES: dict[str, str] = {
    "surat": "Surat dinas (surat keluar)",
    "berita_acara": "Berita acara",
    "nota_dinas": "Nota dinas",
    "surat_tugas": "Surat tugas",
    "disposisi": "Lembar disposisi",
}
SERIES_PATTERNS: dict[str, str] = {
    "surat": DEFAULT_LETTER_PATTERN,
    "berita_acara": "{seq}/{classification}-BA/{office_code}/{year}",
    "nota_dinas": "{seq}/{classification}-ND/{office_code}/{year}",
    "surat_tugas": "{seq}/{classification}-ST/{office_code}/{year}",
    "disposisi": "{seq}/{classification}-Disp/{office_code}/{year}",
}
SERIES_OF_KIND: dict[str, str] = {
    "permintaan_kelengkapan": "surat",
    "surat_penolakan": "surat",
    "surat_undangan": "surat",
    "surat_pengantar": "surat",
    "laporan_hasil_telaah": "surat",
    "surat_penerusan": "surat",
    "pemberitahuan_pelapor": "surat",
    "berita_acara": "berita_acara",
    "berita_acara_pleno": "berita_acara",
    "nota_dinas": "nota_dinas",
    "surat_tugas": "surat_tugas",
    "lembar_disposisi": "disposisi",
}
# Papers that carry the number of the complaint (its agenda number) or of another paper
# (the cover letter's receipt), not one of their own: only these may share a number. The
# unique index of migration 0007 (remade by 0008) names the same kinds.
SHARED_NUMBER_KINDS = (
    "formulir_pengaduan",
    "tanda_terima",
    "lembar_disposisi",
    "kertas_kerja_telaah",
    "hasil_telaah",
    "hasil_telaah_lanjutan",
    "daftar_hadir",
    "draf_berita_acara",
    "tanda_terima_pengantar",
    "tanda_terima_tindak_lanjut",
    "cetakan_surel",
)

# What a fetched e-mail became; and why one was set aside as no complaint.
MAIL_STATES: dict[str, str] = {"baru": "Baru", "dicatat": "Dicatat", "bukan_pengaduan": "Bukan pengaduan"}
MAIL_REASONS: dict[str, str] = {
    "spam": "Surel sampah (spam)",
    "ppid": "Permintaan informasi (diteruskan ke PPID)",
    "duplikat": "Duplikat surel atau pengaduan yang sudah dicatat",
    "lainnya": "Lainnya",
}

# What the record of who did what names, in the words of the screens.
AUDIT_ENTITIES: dict[str, str] = {
    "complaint": "Pengaduan",
    "party": "Pihak",
    "evidence": "Bukti",
    "issued_document": "Dokumen",
    "disposition": "Disposisi",
    "worksheet": "Kertas kerja",
    "hearing": "Klarifikasi",
    "minutes": "Berita acara",
    "plenary": "Rapat pleno",
    "letter": "Surat",
    "kpu_decision": "Keputusan KPU RI",
    "user": "Pengguna",
    "official": "Pejabat",
    "office": "Kantor",
    "day_off": "Kalender kantor",
    "package": "Paket",
    "backup": "Cadangan",
    "conflict": "Bentrok impor",
    "setting": "Pengaturan",
    "mail_message": "Surel masuk",
    "case_link": "Tautan pengaduan",
}
AUDIT_FIELDS: dict[str, str] = {
    "agenda_number": "nomor agenda",
    "status": "keadaan",
    "step": "langkah",
    "subject": "pokok",
    "description": "uraian",
    "reporter": "pelapor",
    "respondents": "terlapor",
    "channel": "kanal",
    "evidence": "bukti",
    "kind": "jenis",
    "number": "nomor",
    "paper": "kertas",
    "outcome": "hasil",
    "confirmations": "konfirmasi",
    "note": "catatan",
    "classification": "klasifikasi",
    "reason": "alasan",
    "username": "nama pengguna",
    "full_name": "nama lengkap",
    "roles": "peran",
    "active": "aktif",
    "role": "peran",
    "confidential": "dirahasiakan",
    "name": "nama",
    "closure": "penutupan",
    "due": "batas waktu",
    "deadline_of": "batas waktu untuk",
    "copy": "nomor salinan",
    "position": "jabatan",
    "result": "hasil telaah",
    "file": "berkas",
    "identities": "dengan identitas",
    "password": "berkata sandi",
    "unprotected_accepted": "tanpa kata sandi atas pilihan pengekspor",
    "period": "periode",
    "cases": "jumlah pengaduan",
    "automatic": "otomatis",
    "kept_aside": "berkas sebelumnya disimpan sebagai",
    "failures": "salah berturut-turut",
    # an imported package
    "package_sha256": "SHA-256 paket",
    "office": "kantor asal",
    "added": "pengaduan baru",
    "updated": "pengaduan diperbarui",
    "conflicts": "bentrok",
    # the office, its officials, hours, days and numbering
    "office_code": "kode kantor",
    "sop": "profil SOP",
    "profile": "profil SOP",
    "sop_profile_id": "nomor profil SOP",
    "version": "versi",
    "address": "alamat",
    "city": "kota",
    "phone": "telepon",
    "email": "surel",
    "actor": "pengguna",
    "day": "tanggal",
    "senin": "Senin",
    "selasa": "Selasa",
    "rabu": "Rabu",
    "kamis": "Kamis",
    "jumat": "Jumat",
    "sabtu": "Sabtu",
    "minggu": "Minggu",
    "pattern": "pola nomor",
    "archive_code": "kode arsip",
    "series": "seri nomor",
    "mime": "jenis berkas",
    "size": "ukuran (bita)",
    # a case and its people
    "event_date": "tanggal kejadian",
    "event_place": "tempat kejadian",
    "location": "lokasi",
    "id_kind": "jenis identitas",
    "id_number": "nomor identitas",
    "occupation": "pekerjaan",
    "unit": "satuan kerja",
    "confidentiality": "kerahasiaan",
    "duplicate_of": "duplikat dari",
    "linked_to": "ditautkan dengan",
    "referred_to": "dilimpahkan ke",
    # the steps
    "from": "dari",
    "to": "kepada",
    "instruction": "isi disposisi",
    "reviewer": "penelaah",
    "analysis": "analisis",
    "conclusion": "kesimpulan",
    "rules_cited": "peraturan yang dirujuk",
    "survey": "survei pendahuluan",
    "missing_items": "kekurangan yang harus dilengkapi pelapor",
    "hearing_needed": "perlu verifikasi dan klarifikasi",
    "identity_ok": "syarat formil identitas pelapor terpenuhi",
    "identity_note": "catatan identitas pelapor",
    "event_ok": "syarat materiil peristiwa terpenuhi",
    "event_note": "catatan peristiwa",
    "place_ok": "syarat materiil tempat kejadian terpenuhi",
    "place_note": "catatan tempat kejadian",
    "time_ok": "syarat formil waktu kejadian terpenuhi",
    "time_note": "catatan waktu kejadian",
    "evidence_ok": "syarat formil bukti dukung terpenuhi",
    "evidence_note": "catatan bukti dukung",
    "rule_ok": "syarat materiil ketentuan yang dilanggar terpenuhi",
    "rule_note": "catatan ketentuan yang dilanggar",
    "assignment_number": "nomor surat tugas",
    "at": "waktu",
    "place": "tempat",
    "team": "tim",
    "invited": "diundang",
    "attended": "hadir",
    "absent": "tidak hadir",
    "summary": "hasil dan kesimpulan",
    "held_at": "waktu pelaksanaan",
    "chronology": "kronologi",
    "evidence_summary": "bukti-bukti",
    "petitum": "petitum/putusan",
    "recommended_sanction": "rekomendasi sanksi",
    "minutes_version": "versi berita acara",
    "members": "anggota",
    "adopted": "ditetapkan",
    "decision": "keputusan",
    "chair": "pimpinan rapat",
    "letter_date": "tanggal surat",
    "receipt_at": "diterima pada",
    "receipt_by": "diterima oleh",
    "from_name": "pemberi disposisi",
    "from_position": "jabatan pemberi",
    "to_name": "diteruskan kepada",
    "counterpart": "tujuan/pengirim",
    "direction": "arah surat",
    "date": "tanggal",
    "received_at": "diterima pada",
    "received_by": "diterima oleh",
    "decided_at": "tanggal keputusan",
    "letter_number": "nomor surat",
    "signed_sha256": "sidik berkas bertanda tangan",
    "dipakai": "yang dipakai",
    # the office mailbox (its password is never recorded)
    "host": "server IMAP",
    "port": "port",
    "security": "keamanan",
    "user": "pengguna kotak surel",
    "folder": "folder",
    "mark_read": "tandai terbaca di server",
    "since": "ambil sejak",
    "interval_minutes": "ambil otomatis tiap (menit)",
    "trusted_sha256": "sidik sertifikat dipercaya",
}

# Codes an audit entry holds as values, named as the screens name them; the roles of a
# profile come from the profile (services.case_file.summarize).
AUDIT_VALUES: dict[str, dict[str, str]] = {
    "status": STATUSES,
    "closure": CLOSURE_KINDS,
    "channel": CHANNELS,
    "referred_to": REFERRAL_TARGETS,
    "confidentiality": CONFIDENTIALITY,
    "id_kind": ID_KINDS,
    "role": PARTY_ROLES,
    "kind": {
        **DOCUMENT_KINDS,
        "berkas_lengkap": "Berkas lengkap pengaduan",  # a print of the record, not a numbered kind
        "libur": "libur",
        "masuk": "hari masuk",
    },
    "paper": DOCUMENT_KINDS,
}


# What a review worksheet assesses, in order: the formal requirements (who complains, with
# what proof, in time) and the material ones (where and what happened, which rule). The
# form and the printed worksheet both read this list, so they name each the same way.
WORKSHEET_CRITERIA = (
    ("identity", "Identitas pelapor", "formil"),
    ("evidence", "Bukti dukung", "formil"),
    ("time", "Waktu kejadian dan tenggat", "formil"),
    ("place", "Tempat kejadian", "materiil"),
    ("event", "Peristiwa yang diadukan", "materiil"),
    ("rule", "Ketentuan yang dilanggar", "materiil"),
)
