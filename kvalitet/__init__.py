"""Engine behind the Kvalitetsberättelse website.

The package loads and validates the report's data (``data/<year>/``), formats numbers
the Swedish way, renders tables, and turns every mistake an editor can make into a
Swedish message that names the file, line and field. ``macros.py`` only registers
what this package provides with mkdocs-macros.
"""
