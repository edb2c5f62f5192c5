"""Dumas Desktop: public complaints (pengaduan masyarakat) for a KPU office, offline."""

__version__ = "0.1.0"
APP_NAME = "Dumas Desktop"
