"""clusterspec: optical spectra of metal nanoclusters and nanoparticles.

UV-vis absorption, circular dichroism and photoluminescence of gold,
silver, copper and their alloys, bare or ligand-protected, from a few
atoms (tight binding, DFTB, spherical jellium) to large particles (Mie
theory). The functions mirror the command line's commands, with the same
defaults and option names, and give the same numbers::

    import clusterspec
    from ase.cluster import Icosahedron

    s = clusterspec.absorption(Icosahedron("Ag", 4))   # Ag147, RPA
    s.energy, s.epsilon          # eV, M⁻¹ cm⁻¹ (NumPy arrays)
    s.peaks[0].energy            # eV
    s.save("ag147")              # PNG, CSV, JSON as the command writes

A structure (``atoms``) is an ``ase.Atoms`` (any object with
``get_chemical_symbols()`` and ``get_positions()``; a charge in
``atoms.info["charge"]`` is used), a path to an XYZ file, or
``(symbols, positions)`` with positions in Å.

Errors: ``ValueError`` for bad input (the message names the argument or
the file and line), ``MemoryError`` when the estimated peak memory exceeds
``max_memory`` (GiB; default what the system has available), ``OSError``
when a file cannot be read or written, ``RuntimeError`` otherwise. Long
runs release the GIL and stop with Ctrl-C (``KeyboardInterrupt``);
``progress=True`` draws a text bar, or pass ``f(stage, done, total)``.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple

from . import _native
from ._progress import TextBar, callback
from ._results import Emission, MieSpectrum, Peak, Spectrum, Sweep
from ._structure import StructureLike, normalise

__all__ = [
    "absorption",
    "cd",
    "emission",
    "jellium",
    "mie",
    "sweep",
    "Spectrum",
    "Emission",
    "MieSpectrum",
    "Sweep",
    "Peak",
    "__version__",
]

__version__: str = _native.version()


def _call(name: str, first: Any, kwargs: dict) -> str:
    """The call as text for the run header of the files written."""
    shown = [repr(first) if isinstance(first, str) else type(first).__name__] if first is not None else []
    shown += [f"{k}={v!r}" for k, v in kwargs.items() if v is not None]
    return f"clusterspec.{name}({', '.join(shown)})"


def _run(progress: Any, f: Any) -> Any:
    cb = callback(progress)
    try:
        return f(cb)
    finally:
        if isinstance(cb, TextBar):
            cb.close()


def _charge(charge: Optional[int], from_atoms: int) -> int:
    return from_atoms if charge is None else int(charge)


def absorption(
    atoms: StructureLike,
    model: str = "s",
    response: Optional[str] = None,
    fwhm: Optional[float] = None,
    energy_range: Optional[Tuple[float, float]] = None,
    points: Optional[int] = None,
    lineshape: Optional[str] = None,
    eta: float = 0.5,
    charge: Optional[int] = None,
    ligands: int = 0,
    temperature: float = 0.0,
    scc: Optional[bool] = None,
    skf: Optional[str] = None,
    params: Optional[str] = None,
    casida_max_energy: Optional[float] = None,
    no_d: bool = False,
    d_response: Optional[str] = None,
    f_sum_scale: bool = True,
    backend: str = "auto",
    max_memory: Optional[float] = None,
    progress: Any = None,
) -> Spectrum:
    """The UV-vis absorption spectrum of a structure (``clusterspec absorption``).

    model: ``"s"`` (tight binding, one s orbital per atom; Au, Ag, Cu),
        ``"spd"`` (tight binding with s, p, d; independent particles only,
        its collective response is refused) or ``"dftb"`` (density-functional
        tight binding with the bundled auorg-1-1 set: Au, S, C, H, N, O;
        ligands as atoms).
    response: ``"rpa"`` (collective, frequency route; the default for s and
        dftb: TD-DFTB), ``"casida"`` (collective, discrete lines) or
        ``"single"`` (independent particles; the default for spd).
    fwhm: line width, eV (default 0.1).
    energy_range: (min, max) photon energy, eV (default 1–6 eV, started
        lower when the first bright line lies below 1 eV; see ``notes``).
    points: grid points (default 1000).
    lineshape: ``"gaussian"``, ``"lorentzian"`` or ``"voigt"`` (with
        ``eta``, the Lorentzian fraction); default Lorentzian for rpa,
        Gaussian otherwise.
    charge: net charge, e (default ``atoms.info["charge"]`` or 0).
    ligands: one-electron-withdrawing ligands counted (tight binding only).
    temperature: electronic temperature, K (0: levels filled in order).
    scc: self-consistent charges (default: on with a collective response).
    skf: a folder of Slater–Koster files for ``model="dftb"``.
    params: a tight-binding parameter file (TOML) replacing the built-in set.
    casida_max_energy: largest pair energy of the Casida route, eV.
    no_d: without the d-electron dipoles of Ag, Au, Cu.
    d_response: ``"dynamic"`` (measured ε_ib(ω); default for rpa) or
        ``"static"`` (default and only choice for casida).
    f_sum_scale: scale the pairs to the conduction electrons' f-sum.
    backend: ``"auto"``, ``"gpu"`` or ``"cpu"``.
    max_memory: GiB the run may use (default: available memory).
    progress: True for a text bar, or a callable f(stage, done, total).

    Returns a :class:`Spectrum` (arrays in eV, nm, M⁻¹ cm⁻¹, Å²).
    """
    structure, info_charge = normalise(atoms)
    call = _call("absorption", atoms, dict(model=model, response=response))
    return Spectrum(
        _run(
            progress,
            lambda cb: _native.absorption(
                structure,
                call,
                _model(model, skf, params, _charge(charge, info_charge), ligands, temperature, scc),
                _response(response, casida_max_energy, no_d, d_response, f_sum_scale),
                _broadening(fwhm, lineshape, eta, energy_range, points),
                _backend(backend, max_memory),
                cb,
            ),
        )
    )


def cd(
    atoms: StructureLike,
    model: str = "s",
    fwhm: Optional[float] = None,
    energy_range: Optional[Tuple[float, float]] = None,
    points: Optional[int] = None,
    lineshape: Optional[str] = None,
    eta: float = 0.5,
    charge: Optional[int] = None,
    ligands: int = 0,
    temperature: float = 0.0,
    params: Optional[str] = None,
    backend: str = "auto",
    max_memory: Optional[float] = None,
    progress: Any = None,
) -> Spectrum:
    """Absorption and circular dichroism of a chiral structure
    (``clusterspec cd``): single-particle transitions of tight binding with
    their rotatory strengths (10⁻⁴⁰ esu² cm²). The :class:`Spectrum` has
    ``delta_epsilon`` (M⁻¹ cm⁻¹) and ``g_abs``; broadening options as for
    :func:`absorption` (Gaussian 0.1 eV on 1–6 eV)."""
    structure, info_charge = normalise(atoms)
    call = _call("cd", atoms, dict(model=model))
    return Spectrum(
        _run(
            progress,
            lambda cb: _native.cd(
                structure,
                call,
                _model(model, None, params, _charge(charge, info_charge), ligands, temperature, None),
                _broadening(fwhm, lineshape, eta, energy_range, points),
                _backend(backend, max_memory),
                cb,
            ),
        )
    )


def emission(
    atoms: StructureLike,
    model: str = "s",
    reorganisation: float = 0.1,
    huang_rhys: Optional[float] = None,
    mode: Optional[float] = None,
    emission_temperature: float = 298.15,
    refractive_index: float = 1.0,
    fwhm: Optional[float] = None,
    energy_range: Optional[Tuple[float, float]] = None,
    points: Optional[int] = None,
    lineshape: Optional[str] = None,
    eta: float = 0.5,
    charge: Optional[int] = None,
    ligands: int = 0,
    temperature: float = 0.0,
    params: Optional[str] = None,
    backend: str = "auto",
    max_memory: Optional[float] = None,
    progress: Any = None,
) -> Emission:
    """Photoluminescence (``clusterspec emission``): Kasha's rule with a
    Boltzmann population of the lowest single-particle states at
    ``emission_temperature`` (K), a Stokes shift of 2 × ``reorganisation``
    (eV), an optional vibronic progression (``huang_rhys`` S with ``mode``
    ħω in eV), radiative rates in a medium of ``refractive_index``. The
    grid runs from 1 eV below the emission to 3 eV above the emitting
    state unless ``energy_range`` is given."""
    if (huang_rhys is None) != (mode is None):
        raise ValueError("huang_rhys and mode go together (S and ħω in eV)")
    structure, info_charge = normalise(atoms)
    call = _call("emission", atoms, dict(model=model, reorganisation=reorganisation))
    vibronic = None if huang_rhys is None else (float(huang_rhys), float(mode))
    return Emission(
        _run(
            progress,
            lambda cb: _native.emission(
                structure,
                call,
                _model(model, None, params, _charge(charge, info_charge), ligands, temperature, None),
                _broadening(fwhm, lineshape, eta, energy_range, points),
                _backend(backend, max_memory),
                float(reorganisation),
                vibronic,
                float(emission_temperature),
                float(refractive_index),
                cb,
            ),
        )
    )


def jellium(
    element: Optional[str] = None,
    atoms: int = 0,
    rs: Optional[float] = None,
    valence: Optional[int] = None,
    charge: int = 0,
    no_d: bool = False,
    eps_d: Optional[float] = None,
    d_skin: Optional[float] = None,
    kernel: str = "tdlda",
    max_excitation: float = 13.6,
    step: float = 0.1,
    mixing: float = 0.3,
    fwhm: Optional[float] = None,
    energy_range: Optional[Tuple[float, float]] = None,
    points: Optional[int] = None,
    lineshape: Optional[str] = None,
    eta: float = 0.5,
    backend: str = "auto",
    max_memory: Optional[float] = None,
    progress: Any = None,
) -> Spectrum:
    """The spherical jellium spectrum (``clusterspec jellium``): a
    self-consistent LDA ground state of ``atoms`` atoms of ``element``
    (Na, K, Cu, Ag, Au; or ``rs`` in bohr with ``valence``) and its TDLDA
    response (``kernel="off"``: single particle). ``eps_d`` and ``d_skin``
    (bohr) set the d background of Ag and Au; ``max_excitation`` (eV) the
    pair window; ``step`` (bohr) the radial grid. Default broadening:
    Lorentzian 0.1 eV on 0.5–6 eV, 1101 points."""
    call = _call("jellium", None, dict(element=element, atoms=atoms, rs=rs))
    return Spectrum(
        _run(
            progress,
            lambda cb: _native.jellium(
                call,
                element,
                rs,
                valence,
                int(atoms),
                int(charge),
                no_d,
                eps_d,
                d_skin,
                kernel,
                float(max_excitation),
                float(step),
                float(mixing),
                _broadening(fwhm, lineshape, eta, energy_range, points),
                _backend(backend, max_memory),
                cb,
            ),
        )
    )


def mie(
    material: Optional[str] = None,
    diameter: Optional[float] = None,
    medium: float = 1.333,
    core: Optional[str] = None,
    core_diameter: Optional[float] = None,
    shell: Optional[str] = None,
    shell_thickness: Optional[float] = None,
    diameter_sd: Optional[float] = None,
    distribution: str = "normal",
    damping_a: float = 1.0,
    data: str = "johnson-christy",
    method: str = "mie",
    wavelength_range: Tuple[float, float] = (300.0, 900.0),
    points: int = 601,
    backend: str = "auto",
    max_memory: Optional[float] = None,
) -> MieSpectrum:
    """The classical spectrum of one particle (``clusterspec mie``): a
    sphere of ``material`` (``"Au"``, ``"Ag"``, ``"Cu"`` or an Au–Ag alloy
    ``"Au:0.3,Ag:0.7"``) of ``diameter`` nm, or a core–shell particle
    (``core``, ``core_diameter`` nm, ``shell``, ``shell_thickness`` nm), in
    a medium of refractive index ``medium`` (water 1.333). ``diameter_sd``
    (nm) averages over a ``"normal"`` or ``"log-normal"`` size
    distribution; ``damping_a`` is A of the surface damping; ``data``
    ``"johnson-christy"`` or ``"mcpeak"``; ``method`` ``"mie"`` or
    ``"quasi-static"``; wavelengths in nm. For a series, call it in a loop."""
    call = _call("mie", None, dict(material=material, diameter=diameter, core=core, shell=shell))
    return MieSpectrum(
        _native.mie(
            call,
            material,
            diameter,
            core,
            core_diameter,
            shell,
            shell_thickness,
            float(medium),
            diameter_sd,
            distribution,
            float(damping_a),
            data,
            method,
            (float(wavelength_range[0]), float(wavelength_range[1])),
            int(points),
            _backend(backend, max_memory),
        )
    )


def sweep(
    base: StructureLike,
    dopant: str = "Ag",
    compositions: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0),
    configurations: int = 10,
    seed: int = 1,
    model: str = "s",
    response: Optional[str] = None,
    fwhm: Optional[float] = None,
    energy_range: Optional[Tuple[float, float]] = None,
    points: Optional[int] = None,
    lineshape: Optional[str] = None,
    eta: float = 0.5,
    charge: Optional[int] = None,
    ligands: int = 0,
    temperature: float = 0.0,
    scc: Optional[bool] = None,
    casida_max_energy: Optional[float] = None,
    no_d: bool = False,
    d_response: Optional[str] = None,
    f_sum_scale: bool = True,
    backend: str = "auto",
    max_memory: Optional[float] = None,
    progress: Any = None,
) -> Sweep:
    """A composition sweep (``clusterspec sweep``): ``configurations``
    random alloys of ``base`` with each fraction of its atoms (0 … 1)
    replaced by ``dopant``, seeded by ``seed``, and the mean and spread of
    their spectra. Model, response and broadening as for :func:`absorption`."""
    structure, info_charge = normalise(base)
    call = _call("sweep", base, dict(dopant=dopant, compositions=list(compositions)))
    return Sweep(
        _run(
            progress,
            lambda cb: _native.sweep(
                structure,
                call,
                dopant,
                [float(x) for x in compositions],
                int(configurations),
                int(seed),
                _model(model, None, None, _charge(charge, info_charge), ligands, temperature, scc),
                _response(response, casida_max_energy, no_d, d_response, f_sum_scale),
                _broadening(fwhm, lineshape, eta, energy_range, points),
                _backend(backend, max_memory),
                cb,
            ),
        )
    )


def _model(model, skf, params, charge, ligands, temperature, scc) -> dict:
    return dict(
        model=model,
        skf=skf,
        params=params,
        charge=int(charge),
        ligands=int(ligands),
        temperature=float(temperature),
        scc=scc,
    )


def _response(response, casida_max_energy, no_d, d_response, f_sum_scale) -> dict:
    return dict(
        response=response,
        casida_max_energy=casida_max_energy,
        no_d=no_d,
        d_response=d_response,
        f_sum_scale=f_sum_scale,
    )


def _broadening(fwhm, lineshape, eta, energy_range, points) -> dict:
    if energy_range is not None:
        energy_range = (float(energy_range[0]), float(energy_range[1]))
    return dict(
        fwhm=None if fwhm is None else float(fwhm),
        lineshape=lineshape,
        eta=float(eta),
        energy_range=energy_range,
        points=None if points is None else int(points),
    )


def _backend(backend, max_memory) -> dict:
    return dict(backend=backend, max_memory=None if max_memory is None else float(max_memory))
