"""Reference structures from ASE's ase.cluster builders (ASE 3.29.0).

The Rust builders in src/structure/builders must reproduce these exactly
(same atom count, same set of positions to 1e-6 Å). Regenerate with
`python3 generate.py` after `pip install ase==3.29.0`; the files are
committed so the tests need no Python.
"""
import numpy as np
from ase.cluster import Icosahedron, Octahedron, Decahedron
from ase.io import write

D_AU = 2.884  # Å, bulk nearest-neighbour distance used by clusterspec
A_AU = np.sqrt(2.0) * D_AU

cases = {
    "icosahedron_1": Icosahedron("Au", 1, latticeconstant=A_AU),
    "icosahedron_2": Icosahedron("Au", 2, latticeconstant=A_AU),
    "icosahedron_3": Icosahedron("Au", 3, latticeconstant=A_AU),
    "icosahedron_4": Icosahedron("Au", 4, latticeconstant=A_AU),
    "icosahedron_5": Icosahedron("Au", 5, latticeconstant=A_AU),
    "octahedron_4_0": Octahedron("Au", 4, 0, latticeconstant=A_AU),
    "octahedron_5_0": Octahedron("Au", 5, 0, latticeconstant=A_AU),
    "octahedron_6_1": Octahedron("Au", 6, 1, latticeconstant=A_AU),
    "octahedron_7_2": Octahedron("Au", 7, 2, latticeconstant=A_AU),
    "cuboctahedron_5": Octahedron("Au", 5, 2, latticeconstant=A_AU),
    "cuboctahedron_7": Octahedron("Au", 7, 3, latticeconstant=A_AU),
    "decahedron_2_2_0": Decahedron("Au", 2, 2, 0, latticeconstant=A_AU),
    "decahedron_3_2_0": Decahedron("Au", 3, 2, 0, latticeconstant=A_AU),
    "decahedron_3_3_1": Decahedron("Au", 3, 3, 1, latticeconstant=A_AU),
    "decahedron_4_2_2": Decahedron("Au", 4, 2, 2, latticeconstant=A_AU),
}

for name, atoms in cases.items():
    write(f"{name}.xyz", atoms, format="xyz", comment=f"ASE {name}")
    print(name, len(atoms))

# A sphere cut from fcc around an atom at the origin: every lattice site
# with |r| <= R (ASE has no builder for it; this is the definition used).
for radius in (5.0, 7.5):
    n = 8
    g = np.arange(-n, n + 1)
    pts = np.array([(i, j, k) for i in g for j in g for k in g if (i + j + k) % 2 == 0])
    pos = pts * A_AU / 2.0
    keep = np.linalg.norm(pos, axis=1) <= radius + 1e-6
    from ase import Atoms
    atoms = Atoms("Au%d" % keep.sum(), positions=pos[keep])
    write(f"sphere_{radius:.1f}.xyz", atoms, format="xyz", comment=f"fcc sphere R={radius}")
    print("sphere", radius, keep.sum())
