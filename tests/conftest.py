"""Shared fixtures: one real build of the edition (docs/ and a site in a temporary folder)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SOURCE = ROOT / "edition" / "source" / "000_1e89461a5283ea15.txt"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def run(*args, cwd=ROOT, check=True):
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result


def build_site(site_dir):
    run(PY, "scripts/edition.py", "build")
    run(PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir))
    return Path(site_dir)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site as `make site` builds it, in a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def docs(site):
    return ROOT / "docs"


@pytest.fixture(scope="session")
def source_text():
    return SOURCE.read_text(encoding="utf-8")
