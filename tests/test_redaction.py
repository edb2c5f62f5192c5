"""Free text in a package without identities: the case's people go, the substance stays."""

from __future__ import annotations

from dumas_desktop.domain.privacy import redactor


def test_names_numbers_and_addresses_are_replaced_whole_and_names_word_by_word() -> None:
    redact = redactor(["Agustinus Ranto", "Ali"], ["6103012345670001", "081234567890", "Jl. Merdeka No. 5"])
    text = (
        "Sdr. AGUSTINUS RANTO (NIK 6103 0123 4567 0001, HP 0812-3456-7890) dari Jl. Merdeka No. 5 "
        "bersama Ali; Agustinus melihat uang dibagikan di Jl. Merdeka."
    )
    assert redact(text) == (
        "Sdr. [dirahasiakan] (NIK [dirahasiakan], HP [dirahasiakan]) dari [dirahasiakan] "
        "bersama [dirahasiakan]; [dirahasiakan] melihat uang dibagikan di Jl. Merdeka."
    )


def test_what_is_not_about_a_person_is_left_as_written() -> None:
    redact = redactor(["Ali Akbar"], [])
    text = (
        "Nomor 010/PL.01.4-SD/6103/2026 tanggal 2026-11-20 pukul 08.00-12.00 di TPS 012; "
        "kerugian Rp 500.000.000; kualitas layanan PPK Kapuas; pasal 20 ayat (1)."
    )
    assert redact(text) == text


def test_anyone_s_nik_phone_or_email_goes_even_when_not_recorded() -> None:
    redact = redactor([], [])
    assert redact("Saksi: NIK 6103-0123-4567-0002, +62 812 9988 7766, saksi@contoh.go.id.") == (
        "Saksi: NIK [dirahasiakan], [dirahasiakan], [dirahasiakan]."
    )
