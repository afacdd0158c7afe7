//! The one list of engine stages that can run on the GPU. The same names
//! identify a stage in the engine, its WGSL pipelines in the registry, its
//! fallbacks, and the values of the fault-injection variable.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A stage with a GPU kernel and a CPU twin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kernel {
    /// Dense tight-binding Hamiltonian (shaders/hamiltonian.wgsl).
    Hamiltonian,
    /// Batched symmetric eigensolver (shaders/jacobi.wgsl).
    Eigen,
    /// Transition dipoles and oscillator strengths (dipole_gemm, oscillator).
    Dipoles,
    /// Broadening of line lists onto an energy grid (broaden, broaden_batch).
    Broaden,
    /// Magnetic-dipole transform for rotatory strengths (magnetic, project_gemm).
    Rotatory,
    /// Casida matrix Ω = Δ² + 2 s (AᵀB) s (casida).
    Casida,
    /// Transition charges of particle–hole pairs on the atoms.
    Charges,
    /// Spectral weights of χ⁰ on energy nodes.
    Spectral,
    /// Mie efficiencies of homogeneous and core–shell spheres (mie).
    Mie,
    /// DFTB Hamiltonian and overlap from Slater–Koster tables (dftb_hamiltonian).
    DftbHamiltonian,
}

impl Kernel {
    /// Every kernel, in pipeline order.
    pub const ALL: [Kernel; 10] = [
        Kernel::Hamiltonian,
        Kernel::Eigen,
        Kernel::Dipoles,
        Kernel::Broaden,
        Kernel::Rotatory,
        Kernel::Casida,
        Kernel::Charges,
        Kernel::Spectral,
        Kernel::Mie,
        Kernel::DftbHamiltonian,
    ];

    /// The stage's name (also its fault-injection value).
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Hamiltonian => "hamiltonian",
            Kernel::Eigen => "eigen",
            Kernel::Dipoles => "dipoles",
            Kernel::Broaden => "broaden",
            Kernel::Rotatory => "rotatory",
            Kernel::Casida => "casida",
            Kernel::Charges => "charges",
            Kernel::Spectral => "spectral",
            Kernel::Mie => "mie",
            Kernel::DftbHamiltonian => "dftb_hamiltonian",
        }
    }
}

impl fmt::Display for Kernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kernel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Kernel::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "unknown GPU kernel `{s}`: the kernels are {}",
                    Kernel::ALL.map(|k| k.name()).join(", ")
                ))
            })
    }
}

/// Kernels named in a fault-injection list: comma-separated names or
/// `all`; an unknown name is an error, not ignored.
pub fn parse_fault_list(list: &str) -> Result<Vec<Kernel>> {
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if name == "all" {
            out.extend(Kernel::ALL);
        } else {
            out.push(name.parse()?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_fail() {
        for k in Kernel::ALL {
            assert_eq!(k.name().parse::<Kernel>().unwrap(), k);
        }
        assert_eq!(parse_fault_list("all").unwrap().len(), Kernel::ALL.len());
        assert_eq!(
            parse_fault_list(" broaden ,casida").unwrap(),
            [Kernel::Broaden, Kernel::Casida]
        );
        let e = parse_fault_list("broaden,brodaen").unwrap_err().to_string();
        assert!(e.contains("`brodaen`") && e.contains("hamiltonian"), "{e}");
    }
}
