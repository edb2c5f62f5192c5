"""The office's papers, laid out with reportlab on the office's letterhead (no Qt, no SQL)."""
