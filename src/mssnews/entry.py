"""The console script: imports the CLI inside a guard, so that a Ctrl-C while Typer, Rich or
spaCy are still importing ends with one line and exit code 130, never a traceback."""
import sys


def main() -> None:
    try:
        from mssnews.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("mssnews: interrupted\n")
        sys.exit(130)
    cli_main()
