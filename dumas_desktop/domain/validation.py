"""Checks on what people type: NIK, phone numbers, e-mail, dates, required fields.

Every problem names its field in Indonesian; a caller gathers them all and saves
nothing while any remain.
"""

from __future__ import annotations

from datetime import date, datetime

# The checking libraries load on first use, not when the window starts.
from .errors import FieldProblem
from .errors import ValidationError as DumasValidationError


def check_nik(value: str, today: date) -> tuple[str, str | None]:
    """Return (normalised NIK, problem or None)."""
    from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError
    from stdnum.id import nik as stdnum_nik

    digits = "".join(value.split())
    if not digits.isdigit():
        return digits, "NIK hanya boleh berisi angka"
    if len(digits) != 16:
        return digits, f"NIK harus 16 digit (tertulis {len(digits)} digit)"
    try:
        stdnum_nik.validate(digits)
        born = stdnum_nik.get_birth_date(digits)
    except InvalidLength:
        return digits, "NIK harus 16 digit"
    except InvalidFormat:
        return digits, "NIK hanya boleh berisi angka"
    except InvalidComponent:
        return digits, "kode wilayah atau tanggal lahir dalam NIK tidak sah"
    except ValidationError:
        return digits, "NIK tidak sah"
    day = int(digits[6:8])
    if not (1 <= day <= 31 or 41 <= day <= 71):  # women's day of birth is written plus 40
        return digits, "tanggal lahir dalam NIK tidak sah"
    if digits[2:4] == "00" or digits[4:6] == "00":
        return digits, "kode kabupaten/kota atau kecamatan dalam NIK tidak sah"
    # stdnum picks the century; a NIK cannot belong to someone born after today.
    if born > today:
        born = born.replace(year=born.year - 100)
    if today.year - born.year > 120:
        return digits, "tanggal lahir dalam NIK tidak masuk akal"
    return digits, None


def check_phone(value: str) -> tuple[str, str | None]:
    """Indonesian numbers as 08…, 628… or +62…; returns E.164 (+62…)."""
    import phonenumbers

    text = value.strip()
    compact = "".join(ch for ch in text if ch.isdigit() or ch == "+")
    if compact.startswith("62"):
        compact = "+" + compact
    try:
        number = phonenumbers.parse(compact, "ID")
    except phonenumbers.NumberParseException:
        return text, "nomor telepon tidak dapat dibaca (contoh: 0812-3456-7890 atau +62 812-3456-7890)"
    if number.country_code != 62:
        return text, "nomor telepon harus nomor Indonesia (08… atau +62…)"
    if not phonenumbers.is_valid_number(number):
        return text, "nomor telepon tidak sah (periksa jumlah digit dan kode awalnya)"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def format_phone(e164: str) -> str:
    """+6281234567890 -> 0812-3456-7890 style, as people write it."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "ID")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def check_email(value: str) -> tuple[str, str | None]:
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        return value.strip(), "alamat surel tidak sah (contoh: nama@contoh.go.id)"
    return result.normalized, None


class Problems:
    """Collects field problems; raise_if_any() raises them all at once."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str, label: str, message: str) -> None:
        self.items.append(FieldProblem(field, label, message))

    def required(self, value: object, field: str, label: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, label, "wajib diisi")

    def choice(self, value: str | None, allowed: dict[str, str], field: str, label: str) -> None:
        if value is not None and value not in allowed:
            self.add(field, label, f"pilihan \u201c{value}\u201d tidak dikenal")

    def not_future(self, value: date | datetime | None, now: datetime, field: str, label: str) -> None:
        if value is None:
            return
        later = value > now if isinstance(value, datetime) else value > now.date()
        if later:
            self.add(field, label, "tidak boleh lebih dari hari ini")

    def nik(self, value: str, today: date, field: str, label: str) -> str:
        if not value.strip():
            return ""
        normalised, problem = check_nik(value, today)
        if problem:
            self.add(field, label, problem)
        return normalised

    def phone(self, value: str, field: str, label: str) -> str:
        if not value.strip():
            return ""
        normalised, problem = check_phone(value)
        if problem:
            self.add(field, label, problem)
        return normalised

    def email(self, value: str, field: str, label: str) -> str:
        if not value.strip():
            return ""
        normalised, problem = check_email(value)
        if problem:
            self.add(field, label, problem)
        return normalised

    def max_length(self, value: str, limit: int, field: str, label: str) -> None:
        if len(value) > limit:
            self.add(field, label, f"terlalu panjang (paling banyak {limit} karakter)")

    def raise_if_any(self) -> None:
        if self.items:
            raise DumasValidationError(self.items)
