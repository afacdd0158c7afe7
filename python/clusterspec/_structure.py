"""Structures in: an ASE ``Atoms`` (duck-typed), a path to an XYZ file, or
``(symbols, positions)`` with positions in Å."""

from __future__ import annotations

import os
from typing import Any, Tuple, Union

import numpy as np

#: What the functions accept as a structure.
StructureLike = Union[str, "os.PathLike[str]", Tuple[Any, Any], Any]


def normalise(atoms: StructureLike) -> Tuple[Union[str, tuple], int]:
    """The structure as the native module takes it, and the charge that
    ``atoms.info["charge"]`` gives (0 when absent).

    A path stays a path (errors then name the file and line); anything
    else becomes ``(name, symbols, positions)``.
    """
    if isinstance(atoms, (str, os.PathLike)):
        return os.fspath(atoms), 0
    if hasattr(atoms, "get_chemical_symbols") and hasattr(atoms, "get_positions"):
        symbols = [str(s) for s in atoms.get_chemical_symbols()]
        positions = np.ascontiguousarray(atoms.get_positions(), dtype=np.float64)
        info = getattr(atoms, "info", None) or {}
        charge = info.get("charge", 0)
        if charge != int(charge):
            raise ValueError(f"atoms.info['charge']={charge!r}: expected a whole number of e")
        formula = atoms.get_chemical_formula() if hasattr(atoms, "get_chemical_formula") else ""
        name = f"ase.Atoms {formula}".strip()
        return (name, symbols, positions), int(charge)
    if isinstance(atoms, tuple) and len(atoms) == 2:
        symbols, positions = atoms
        if isinstance(symbols, str):
            raise ValueError(
                "symbols: expected a list of element symbols, one per atom, not one string"
            )
        symbols = [str(s) for s in symbols]
        positions = np.ascontiguousarray(positions, dtype=np.float64)
        if positions.ndim != 2 or positions.shape[1:] != (3,):
            raise ValueError(
                f"positions: expected an N×3 array of Å, got shape {positions.shape}"
            )
        return ("structure", symbols, positions), 0
    raise TypeError(
        "atoms: expected an ase.Atoms, a path to an XYZ file, or (symbols, positions); "
        f"got {type(atoms).__name__}"
    )
