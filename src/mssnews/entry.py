"""The console script: imports the CLI inside a guard, so that a Ctrl-C while Typer, Rich or
spaCy are still importing ends with one line and exit code 130, never a traceback."""
import os
import sys


def main() -> None:
    try:
        from mssnews.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("mssnews: interrupted\n")
        sys.stderr.flush()
        # (os._exit, not sys.exit: a Ctrl-C that landed in code an extension module ran through
        # PyRun_String marks the interrupt as unhandled in CPython, which then ends the process
        # by SIGINT after our line, whatever code sys.exit gives; nothing is open yet to close)
        os._exit(130)
    cli_main()
