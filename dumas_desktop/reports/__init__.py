"""Workbooks the office files and prints: the recap and the report (openpyxl)."""
