"""Shared fixtures. Tests that read ../shared skip when it is absent, and fail instead under CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CONTRACTKG_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# pytest-xdist's workers export COLUMNS=80; rich would freeze the CLI's console at that width when
# contractkg.cli is first imported, and tests that pass a wider COLUMNS to a command would see 80.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.pop("COLUMNS", None)


def need(path: Path) -> Path:
    """The shared path, or skip (outside CI) / fail (in CI) when it is missing."""
    if not path.exists():
        msg = f"{path} is missing (../shared must sit beside the repo)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return need(SHARED)


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    return need(shared / "seeds")


@pytest.fixture(scope="session")
def dev_docs(shared: Path) -> Path:
    return need(shared / "dev" / "docs")


@pytest.fixture(scope="session")
def dev_gold(shared: Path) -> Path:
    return need(shared / "dev" / "gold")


@pytest.fixture(scope="session")
def gold_dir(shared: Path) -> Path:
    return need(shared / "gold")


@pytest.fixture(scope="session")
def vocab(shared: Path) -> Path:
    return need(shared / "vocab" / "dpv-2.3")


@pytest.fixture
def mem_store():
    from contractkg.store.embedded import EmbeddedStore

    return EmbeddedStore(None)
