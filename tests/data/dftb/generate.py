#!/usr/bin/env python3
"""Reference numbers for clusterspec's DFTB model with the shipped
auorg-1-1 set, from an independent DFTB code: dftb-rs-python 0.1.1 (PyPI,
GPL-3.0; used here only as a program that prints numbers, none of its code
is in clusterspec). Shell-resolved SCC (what auorg-1-1 requires), DFTB2.

    python3 -m venv venv && venv/bin/pip install numpy ase dftb-rs-python==0.1.1
    venv/bin/python tests/data/dftb/generate.py     # from the repository root

writes tests/data/dftb/reference.json: for each molecule its atoms
(symbols, positions in Å), charge, orbital energies (hartree), Mulliken net
charges (e, positive for a depleted atom) and the lowest singlet TD-DFTB
excitations (Casida, hartree) with their oscillator strengths.
"""
import json

import dftb_rs
from ase.build import molecule

BOHR = 0.529177210903  # Å
SET = "data/dftb/auorg-1-1"


def entry(name, symbols, positions, charge=0, roots=8):
    from ase.data import atomic_numbers
    numbers = [atomic_numbers[s] for s in symbols]
    bohr = [[x / BOHR for x in p] for p in positions]
    opts = dict(params=SET, level=2, shell_resolved=True, charge=charge,
                temperature=0.0, scc_tolerance=1e-10)
    ground = dftb_rs.compute(numbers, bohr, **opts)
    exc = dftb_rs.excitations(numbers, bohr, n_roots=roots, **opts)
    return {
        "name": name,
        "symbols": symbols,
        "positions_angstrom": positions,
        "charge": charge,
        "eigenvalues_hartree": list(ground["eigenvalues"]),
        "occupations": list(ground["occupations"]),
        "mulliken_net_charges": list(ground["charges"]),
        "excitation_energies_hartree": list(exc["energies"]),
        "oscillator_strengths": list(exc["oscillator_strengths"]),
    }


def from_ase(name):
    m = molecule(name)
    return m.get_chemical_symbols(), m.get_positions().tolist()


molecules = []
for name in ["H2", "CH4", "SH2", "CH3SH", "H2O", "NH3"]:
    s, p = from_ase(name)
    molecules.append(entry(name, s, p))
# Gold: a dimer at 2.47 Å, a bent Au–S–CH3 thiolate and AuSH.
molecules.append(entry("Au2", ["Au", "Au"], [[0, 0, 0], [0, 0, 2.47]]))
molecules.append(entry("AuSCH3", ["Au", "S", "C", "H", "H", "H"], [
    [0.0, 0.0, 0.0], [2.30, 0.0, 0.0], [2.95, 1.65, 0.0],
    [4.04, 1.60, 0.0], [2.62, 2.20, 0.89], [2.62, 2.20, -0.89]]))
molecules.append(entry("Au3+", ["Au", "Au", "Au"], [
    [0.0, 0.0, 0.0], [2.65, 0.0, 0.0], [1.325, 2.295, 0.0]], charge=1))

with open("tests/data/dftb/reference.json", "w") as f:
    json.dump({"generator": "dftb-rs-python 0.1.1, level=2, shell_resolved=True, "
                            "temperature=0, auorg-1-1", "molecules": molecules}, f, indent=1)
print("wrote tests/data/dftb/reference.json:", [m["name"] for m in molecules])
