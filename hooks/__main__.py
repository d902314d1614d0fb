"""`python -m hooks <command>`: the engine's commands for maintainers (see coursekit/cli.py)."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from coursekit import cli  # noqa: E402

sys.exit(cli.main(sys.argv[1:]))
