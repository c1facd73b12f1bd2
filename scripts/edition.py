#!/usr/bin/env python3
"""Entry point: build the edition's Markdown pages from edition/ into docs/ (see editkit.cli)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from editkit.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
