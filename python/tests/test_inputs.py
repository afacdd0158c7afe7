"""Structures in every accepted form give the same spectrum; bad input
raises the documented exception with a message naming what is wrong; no
call leaves files behind."""

import os
import subprocess
import sys

import numpy as np
import pytest

import clusterspec
from conftest import write_xyz

ase_cluster = pytest.importorskip("ase.cluster")


def test_ase_atoms_tuples_and_xyz_files_give_the_same_spectrum(tmp_path):
    atoms = ase_cluster.Icosahedron("Au", 3)
    xyz = write_xyz(tmp_path / "au55.xyz", atoms.get_chemical_symbols(), atoms.get_positions())
    from_ase = clusterspec.absorption(atoms, backend="cpu")
    from_xyz = clusterspec.absorption(xyz, backend="cpu")
    from_tuple = clusterspec.absorption(
        (atoms.get_chemical_symbols(), atoms.get_positions()), backend="cpu"
    )
    # The XYZ file holds the positions exactly (repr of each float).
    for other in (from_xyz, from_tuple):
        np.testing.assert_array_equal(from_ase.epsilon, other.epsilon)
        assert from_ase.report["peaks"] == other.report["peaks"]


def test_the_charge_comes_from_atoms_info():
    atoms = ase_cluster.Icosahedron("Au", 2)
    atoms.info["charge"] = -1
    s = clusterspec.absorption(atoms, response="single", backend="cpu")
    assert s.report["system"]["charge"] == -1
    explicit = clusterspec.absorption(atoms, response="single", charge=0, backend="cpu")
    assert explicit.report["system"]["charge"] == 0


@pytest.mark.parametrize(
    "call, needle",
    [
        (lambda a: clusterspec.absorption(a, fwhm=-1), "fwhm=-1"),
        (lambda a: clusterspec.absorption(a, response="tddft"), "response='tddft'"),
        (lambda a: clusterspec.absorption(a, energy_range=(6, 1)), "1"),
        (lambda a: clusterspec.absorption(a, model="dftb", ligands=3), "ligands=3"),
        (lambda a: clusterspec.absorption(a, temperature=-5), "temperature=-5"),
        (lambda a: clusterspec.absorption((["Au", "Xx"], [[0, 0, 0], [3, 0, 0]])), "unknown element `Xx`"),
        (lambda a: clusterspec.absorption((["Au", "Au"], [[0, 0, 0], [0.1, 0, 0]])), "0.100 Å apart"),
        (lambda a: clusterspec.absorption((["Au"], [[0, 0]])), "N×3"),
        (lambda a: clusterspec.mie(material="Pt", diameter=10), "material=Pt"),
        (lambda a: clusterspec.mie(material="Au", diameter=1e10), "diameter="),
        (lambda a: clusterspec.jellium("Na", 100000), "atoms"),
        (lambda a: clusterspec.absorption((["S", "Au"], [[0, 0, 0], [2.4, 0, 0]])), "no parameters for S"),
    ],
)
def test_bad_input_is_a_value_error_naming_it(tmp_path, call, needle):
    os.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        call(ase_cluster.Icosahedron("Au", 2))
    assert needle in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_a_bad_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.xyz"
    bad.write_text("2\ncomment\nAu 0 0 0\nAu 1 x 0\n")
    with pytest.raises(ValueError, match=r"bad.xyz:4"):
        clusterspec.absorption(bad)
    with pytest.raises(OSError, match="missing.xyz"):
        clusterspec.absorption(tmp_path / "missing.xyz")


def test_a_run_over_the_memory_limit_is_a_memory_error():
    with pytest.raises(MemoryError, match="allowed by max_memory"):
        clusterspec.absorption(ase_cluster.Icosahedron("Ag", 3), max_memory=1e-4)
    with pytest.raises(ValueError, match="max_memory=-1"):
        clusterspec.absorption(ase_cluster.Icosahedron("Ag", 3), max_memory=-1)


def test_a_failing_computation_is_a_runtime_error():
    # No Vulkan driver to be found: asking for the GPU fails at run time.
    code = (
        "import clusterspec\n"
        "try:\n"
        "    clusterspec.absorption((['Ag', 'Ag'], [[0, 0, 0], [2.9, 0, 0]]), backend='gpu')\n"
        "except RuntimeError as e:\n"
        "    print('RuntimeError:', e)\n"
    )
    env = dict(os.environ, VK_ICD_FILENAMES="/nonexistent", VK_DRIVER_FILES="/nonexistent")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "RuntimeError: GPU: no GPU adapter" in out.stdout, out.stdout + out.stderr


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError, match="atoms"):
        clusterspec.absorption(42)


def test_saving_writes_the_files_of_the_command(tmp_path):
    s = clusterspec.absorption(ase_cluster.Icosahedron("Ag", 2), backend="cpu")
    files = s.save(tmp_path / "out" / "ag13", svg=True, all_lines=True)
    names = sorted(os.path.basename(f) for f in files)
    assert names == sorted(os.listdir(tmp_path / "out"))
    # The RPA spectrum is a density; its single-particle reference has lines.
    assert names == [
        "ag13.csv", "ag13.json", "ag13.png", "ag13.svg",
        "ag13_lines_single_particle.npz", "ag13_peaks.csv",
    ]
    single = clusterspec.absorption(ase_cluster.Icosahedron("Ag", 2), response="single")
    single.save(tmp_path / "sp" / "ag13", all_lines=True)
    lines = np.load(tmp_path / "sp" / "ag13_lines.npz")
    np.testing.assert_array_equal(lines["energy_eV"], single.lines["energy"])
    # A folder in the way: nothing is written.
    (tmp_path / "x.png").mkdir()
    with pytest.raises(OSError):
        s.save(tmp_path / "x")
    assert sorted(os.listdir(tmp_path)) == ["out", "sp", "x.png"]
