"""The `orderintake` command line.

Each command family lives in its own module with a `register(app)` function, so the modules stay small and
heavy imports (Prefect, spaCy, renderers) happen only inside the command that needs them.
"""

from __future__ import annotations

import typer

from pipeline import cli_extract, cli_process, cli_service

app = typer.Typer(
    name="orderintake",
    help="Turn incoming purchase orders into checked, structured orders and draft the reply.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (cli_extract, cli_process, cli_service):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
