"""Compile every Qt Designer form in forms/*.ui into dumas_desktop/ui/forms/ui_*.py.

    python forms/build.py          # rebuild what changed
    python forms/build.py --check  # exit 1 when a generated module is out of date

The generated modules are committed, so neither the README's commands nor a built
folder need uic; tests/ui/test_forms.py fails when a form and its module disagree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
TARGET = ROOT / "dumas_desktop" / "ui" / "forms"


def uic() -> list[str]:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-uic")
    if found is None:
        raise SystemExit("pyside6-uic tidak ditemukan: pasang PySide6 terlebih dahulu")
    return [found]


def compile_form(form: Path) -> str:
    done = subprocess.run([*uic(), str(form)], capture_output=True, text=True, check=True)
    return done.stdout


def without_header(code: str) -> str:
    """The generated code minus uic's header comments (they name the uic version)."""
    return "\n".join(line for line in code.splitlines() if not line.startswith("#")).strip()


def module_for(form: Path) -> Path:
    return TARGET / f"ui_{form.stem}.py"


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "__init__.py").write_text('"""Modules generated from forms/*.ui by forms/build.py."""\n')
    for form in sorted(FORMS.glob("*.ui")):
        module = module_for(form)
        code = compile_form(form)
        current = module.read_text(encoding="utf-8") if module.exists() else ""
        if without_header(current) == without_header(code):
            continue
        stale.append(module)
        if not check:
            module.write_text(code, encoding="utf-8")
            print(f"{form.name} -> {module.relative_to(ROOT)}")
    if check and stale:
        print("belum diperbarui: " + ", ".join(str(m.relative_to(ROOT)) for m in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
