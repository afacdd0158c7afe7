"""Type stubs of the compiled module (see clusterspec/__init__.py for the
documented functions)."""

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

_Structure = Union[str, Tuple[str, List[str], np.ndarray]]
_Progress = Optional[Callable[[str, int, int], Any]]

class Native:
    notes: List[str]
    warnings: List[str]
    def columns(self) -> Dict[str, np.ndarray]: ...
    def csv(self) -> str: ...
    def report_json(self) -> str: ...
    def lines(self) -> Optional[Dict[str, np.ndarray]]: ...
    def save(
        self, prefix: str, svg: bool = ..., all_lines: bool = ..., wavelength_axis: bool = ...
    ) -> List[str]: ...

def version() -> str: ...
def absorption(
    atoms: _Structure,
    call: str,
    model: Dict[str, Any],
    response: Dict[str, Any],
    broadening: Dict[str, Any],
    run: Dict[str, Any],
    progress: _Progress,
) -> Native: ...
def cd(
    atoms: _Structure,
    call: str,
    model: Dict[str, Any],
    broadening: Dict[str, Any],
    run: Dict[str, Any],
    progress: _Progress,
) -> Native: ...
def emission(
    atoms: _Structure,
    call: str,
    model: Dict[str, Any],
    broadening: Dict[str, Any],
    run: Dict[str, Any],
    reorganisation: float,
    vibronic: Optional[Tuple[float, float]],
    temperature: float,
    refractive_index: float,
    progress: _Progress,
) -> Native: ...
def jellium(
    call: str,
    element: Optional[str],
    rs: Optional[float],
    valence: Optional[int],
    atoms: int,
    charge: int,
    no_d: bool,
    eps_d: Optional[float],
    d_skin: Optional[float],
    kernel: str,
    max_excitation: float,
    step: float,
    mixing: float,
    broadening: Dict[str, Any],
    run: Dict[str, Any],
    progress: _Progress,
) -> Native: ...
def mie(
    call: str,
    material_name: Optional[str],
    diameter: Optional[float],
    core: Optional[str],
    core_diameter: Optional[float],
    shell: Optional[str],
    shell_thickness: Optional[float],
    medium: float,
    diameter_sd: Optional[float],
    distribution: str,
    damping_a: float,
    data: str,
    method: str,
    wavelength_range: Tuple[float, float],
    points: int,
    run: Dict[str, Any],
) -> Native: ...
def sweep(
    base: _Structure,
    call: str,
    dopant: str,
    compositions: Sequence[float],
    configurations: int,
    seed: int,
    model: Dict[str, Any],
    response: Dict[str, Any],
    broadening: Dict[str, Any],
    run: Dict[str, Any],
    progress: _Progress,
) -> Native: ...
