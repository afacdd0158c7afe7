"""How the silver plasmon moves with size: Ag icosahedra of 13 to 309
atoms from ASE, their RPA absorption per atom, and the classical (Mie)
spectrum of a 2 nm sphere for comparison. Writes size_series.png.

    python size_series.py            # needs ase and matplotlib
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from ase.cluster import Icosahedron

import clusterspec

fig, ax = plt.subplots(figsize=(7, 4.5))
for shells in [2, 3, 4, 5]:  # ASE counts the centre as a shell: 13 … 309 atoms
    atoms = Icosahedron("Ag", shells)
    s = clusterspec.absorption(atoms, energy_range=(2.0, 6.0))
    band = max(s.peaks, key=lambda p: p.f)
    ax.plot(s.energy, s.epsilon / len(atoms), label=f"Ag{len(atoms)}: {band.energy:.2f} eV")
    print(f"Ag{len(atoms)}: strongest band {band.energy:.3f} eV ({band.wavelength:.0f} nm), f = {band.f:.1f}")

# Mie theory of a 2 nm silver sphere in vacuum, per atom (58.9 atoms/nm³).
m = clusterspec.mie(material="Ag", diameter=2.0, medium=1.0, wavelength_range=(207, 620))
atoms_in_sphere = 58.9 * 3.14159 / 6 * 2.0**3
epsilon_per_nm2 = 1e-14 * 6.02214e23 / (1000 * 2.302585)  # σ (nm²) → ε (M⁻¹ cm⁻¹)
ax.plot(m.energy, m.absorption * epsilon_per_nm2 / atoms_in_sphere, "k--", label="Mie, 2 nm sphere")

ax.set_xlabel("photon energy (eV)")
ax.set_ylabel("ε per atom (M⁻¹ cm⁻¹)")
ax.set_title("Silver icosahedra: RPA (s model) against Mie theory")
ax.legend()
fig.tight_layout()
fig.savefig("size_series.png", dpi=150)
print("wrote size_series.png")
