"""Where the package's data files are (``src/incidents/data``): the vocabularies, tables and
the gazetteer that the text readers compile, kept as data so each is written once."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
