"""The command line (the only package importing typer): commands only, no orchestration.

One module per command: ``extract``, ``evaluate`` (``incidents eval``), ``batch``, ``prompts``,
``stages``, ``schema``, ``model``; ``options`` holds the options they share, ``listing`` the
list output, ``support`` the plain helpers, and ``app`` puts them together.
"""

from incidents.cli.app import app

__all__ = ["app"]
