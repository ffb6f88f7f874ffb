"""Omsorgsenhetens kvalitetsberättelse as a website generated from versioned data.

The layers, one folder each:

- `model`: the data model and loading (validation, Swedish messages, editions);
- `render`: numbers, tables and figures as HTML and SVG;
- `site`: the MkDocs plugin and the macros' view of the editions;
- `output`: what is added to the built site (downloads, glossary, PDF);
- `gates`: checks that stop the build (links, personal data, direction words);
- `tools`: editor tools run from the Makefile, outside the build.
"""
