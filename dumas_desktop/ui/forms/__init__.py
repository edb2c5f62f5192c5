"""Modules generated from forms/*.ui by forms/build.py."""
