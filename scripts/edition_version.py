"""Print the edition's current version, the last entry of edition/edition.yml's history:
the version `mike deploy` publishes (.github/workflows/publish.yml)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from editkit.build import read_meta  # noqa: E402
from editkit.errors import EditionError  # noqa: E402


def main():
    try:
        print(read_meta(Path("edition"))["edition"]["version"])
    except EditionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
