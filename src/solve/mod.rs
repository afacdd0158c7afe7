//! Solvers: eigenpairs, occupations, transitions and the sum rule.

pub mod eigen;
pub mod jacobi;
pub mod occupation;
pub mod rotatory;
pub mod sum_rule;
pub mod transitions;
