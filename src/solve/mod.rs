//! Solvers: eigenpairs, occupations, transitions, rotatory strengths, the
//! sum rule, and the Casida linear-response solver shared by the models.

pub mod casida;
pub mod eigen;
pub mod gmres;
pub mod jacobi;
pub mod mixing;
pub mod occupation;
pub mod rotatory;
pub mod sum_rule;
pub mod transitions;
