r"""Smoke check of a built folder: the program answers, makes a demo office, checks it,
makes a document and a recap, and opens and closes its window offscreen.

    python packaging/smoke.py [dist/dumas-desktop/dumas-desktop]
    py packaging\smoke.py [dist\dumas-desktop\dumas-desktop-cli.exe]     (Windows)

Exits non-zero on the first failure, printing what failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(program: Path, *args: str, env: dict[str, str] | None = None) -> str:
    started = time.perf_counter()
    # The program writes UTF-8 whatever the console's code page (cp1252 on an Indonesian Windows).
    done = subprocess.run(
        [str(program), *args], capture_output=True, encoding="utf-8", errors="replace", env=env, timeout=600
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        print(f"GAGAL ({done.returncode}): {' '.join(args)}\n{done.stdout}\n{done.stderr}", file=sys.stderr)
        sys.exit(1)
    print(f"ok {took:5.2f} s  {' '.join(args[:3])}")
    return done.stdout


# More than the demo's 2,000-case chunk, so its worker processes start: on Windows they are
# spawned by running the executable again, which fails without freeze_support().
DEMO_CASES = 4100


def default_program() -> str:
    # Windows: dumas-desktop.exe is the windowed program (no console, sys.stdout is None);
    # the command line is its console twin.
    if sys.platform == "win32":
        return "dist/dumas-desktop/dumas-desktop-cli.exe"
    return "dist/dumas-desktop/dumas-desktop"


def main() -> None:
    program = Path(sys.argv[1] if len(sys.argv) > 1 else default_program()).resolve()
    # Run from elsewhere, with the source tree out of reach: the folder must hold everything.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DUMAS_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Demo files have accounts: sign in as the demo administrator (Argon2 must work in the build).
    env["DUMAS_USER"], env["DUMAS_PASSWORD"] = "admin", "dumas-demo"
    # Windows: an antivirus scan may still hold a new file when the folder is removed.
    with tempfile.TemporaryDirectory(prefix="dumas-smoke-", ignore_cleanup_errors=True) as work:
        os.chdir(work)
        data = Path(work) / "kantor.dumas"
        assert "Dumas Desktop" in run(program, "--version", env=env)
        run(program, "demo", "--data", str(data), "--cases", str(DEMO_CASES), env=env)
        run(program, "check", "--data", str(data), env=env)
        first = run(program, "cases", "--data", str(data), "--limit", str(DEMO_CASES), env=env).splitlines()
        assert len(first) == DEMO_CASES, f"{len(first)} cases listed, {DEMO_CASES} made"
        agenda = sorted(line.split("\t")[0] for line in first)[0]
        pdf = Path(work) / "tanda-terima.pdf"
        run(
            program,
            "document",
            "--data",
            str(data),
            "--case",
            agenda,
            "--kind",
            "tanda_terima",
            "--out",
            str(pdf),
            env=env,
        )
        assert pdf.read_bytes().startswith(b"%PDF"), "the receipt is not a PDF"
        minutes = Path(work) / "ba.pdf"
        listing = run(program, "document", "--data", str(data), "--case", agenda, "--list", env=env)
        if "berita_acara\t" in listing and "siap dibuat" in listing.split("berita_acara\t", 1)[1].split("\n", 1)[0]:
            run(
                program,
                "document",
                "--data",
                str(data),
                "--case",
                agenda,
                "--kind",
                "berita_acara",
                "--out",
                str(minutes),
                env=env,
            )
        year = agenda.rsplit("/", 1)[-1]
        xlsx = Path(work) / "rekap.xlsx"
        run(program, "recap", "--data", str(data), "--year", year, "--out", str(xlsx), env=env)
        assert xlsx.read_bytes().startswith(b"PK"), "the recap is not a workbook"
        package = Path(work) / "kantor.dumaspkg"
        run(program, "export", "--data", str(data), "--out", str(package), env=env)
        admin_password = Path(work) / "sandi-admin.txt"
        admin_password.write_text("admin-pc-baru-123", encoding="utf-8")
        moved = str(Path(work) / "pc-baru.dumas")
        run(program, "import", "--data", moved, "--in", str(package), "--admin", "kepala",
            "--admin-password-file", str(admin_password), env=env)  # fmt: skip
        out = run(program, "--data", str(data), "--smoke", env=env)
        assert "ditutup dengan baik" in out, out
    print("Pemeriksaan hasil build lulus.")


if __name__ == "__main__":
    main()
