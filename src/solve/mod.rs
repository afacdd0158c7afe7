//! Solvers: eigenpairs, occupations, transitions, rotatory strengths, the
//! sum rule, and the Casida linear-response solver shared by the models.

pub mod casida;
pub mod charges;
pub mod cutoff;
pub mod eigen;
pub mod gmres;
pub mod jacobi;
pub mod layout;
pub mod mixing;
pub mod occupation;
pub mod rotatory;
pub mod sk_tables;
pub mod slater_koster;
pub mod spectral_weights;
pub mod sum_rule;
pub mod transitions;
pub mod two_centre;
