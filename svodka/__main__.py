"""``python -m svodka`` runs the CLI."""

from .cli import main

main()
