"""Shared fixtures: the command-line binary of the same checkout, and
structures written as XYZ files."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The Vulkan loader complains without it; harmless, but keep logs clean.
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")


@pytest.fixture(scope="session")
def cli() -> Path:
    """The clusterspec binary (CLUSTERSPEC_BIN, else target/debug, built
    with cargo when missing)."""
    given = os.environ.get("CLUSTERSPEC_BIN")
    if given:
        return Path(given)
    binary = ROOT / "target" / "debug" / "clusterspec"
    if not binary.exists():
        if shutil.which("cargo") is None:
            pytest.skip("no clusterspec binary and no cargo to build one")
        subprocess.run(["cargo", "build", "--bin", "clusterspec"], cwd=ROOT, check=True)
    return binary


def run_cli(cli: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [str(cli), *args, "--quiet"], cwd=cwd, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out


def write_xyz(path: Path, symbols, positions) -> Path:
    lines = [str(len(symbols)), "written by the tests"]
    # repr: the shortest text that reads back as the same float, so the
    # file holds exactly the positions of the Atoms object.
    lines += [
        f"{s} {float(x)!r} {float(y)!r} {float(z)!r}" for s, (x, y, z) in zip(symbols, positions)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path
