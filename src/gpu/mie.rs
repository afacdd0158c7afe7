//! Driver of shaders/mie.wgsl: Mie efficiencies of many homogeneous and
//! core–shell spheres (sizes × wavelengths × compositions) in one dispatch
//! per binding-sized chunk, in f32. CPU twin:
//! [`crate::optics::mie::efficiencies`].

use bytemuck::{Pod, Zeroable};

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::MIE;
use crate::error::{Error, Result};
use crate::optics::mie::{Efficiencies, SphereCase};

/// Series terms the kernel holds per invocation (private arrays).
pub const MAX_TERMS: usize = 320;

/// Mirrors WGSL `Case` in shaders/mie.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
struct Case {
    x_core: f32,
    x_outer: f32,
    layers: u32,
    terms: u32,
    m_core: [f32; 2],
    m_shell: [f32; 2],
}
const _: () = assert!(std::mem::size_of::<Case>() == 32);

/// Mirrors WGSL `Params` in shaders/mie.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
struct Params {
    n_cases: u32,
    pad: [u32; 3],
}

/// Whether the kernel takes `case`: one or two layers, and a series short
/// enough for its arrays.
pub fn supports(case: &SphereCase) -> bool {
    (1..=2).contains(&case.x.len()) && case.terms() < MAX_TERMS
}

/// Efficiencies of every case (each must be [`supports`]ed).
pub fn efficiencies(ctx: &GpuContext, cases: &[SphereCase]) -> Result<Vec<Efficiencies>> {
    let packed: Vec<Case> = cases
        .iter()
        .map(|c| {
            if !supports(c) {
                return Err(Error::gpu(
                    Kernel::Mie.name(),
                    format!(
                        "a sphere of {} layers and {} terms is beyond the kernel",
                        c.x.len(),
                        c.terms()
                    ),
                ));
            }
            let last = c.x.len() - 1;
            Ok(Case {
                x_core: c.x[0] as f32,
                x_outer: c.x[last] as f32,
                layers: c.x.len() as u32,
                terms: c.terms() as u32,
                m_core: [c.m[0].re as f32, c.m[0].im as f32],
                m_shell: [c.m[last].re as f32, c.m[last].im as f32],
            })
        })
        .collect::<Result<_>>()?;
    let per_chunk = (ctx.max_binding / 32).min(64 * ctx.max_workgroups as u64) as usize;
    let mut out = Vec::with_capacity(cases.len());
    ctx.guarded(Kernel::Mie, |ctx| {
        for chunk in packed.chunks(per_chunk.max(1)) {
            let params = uniform(
                ctx,
                "mie_params",
                &Params {
                    n_cases: chunk.len() as u32,
                    pad: [0; 3],
                },
            );
            let c_buf = storage(ctx, "mie_cases", chunk);
            let q_buf = zeroed(ctx, "mie_efficiencies", (8 * chunk.len()) as u64);
            let mut recorder = Recorder::new(ctx);
            recorder.dispatch(
                &MIE,
                &[&params, &c_buf, &q_buf],
                ((chunk.len() as u32).div_ceil(64), 1, 1),
            );
            recorder.submit();
            let values: Vec<[f32; 2]> = read_back(ctx, &q_buf, chunk.len())?;
            out.extend(values.iter().map(|v| {
                let (extinction, scattering) = (v[0] as f64, v[1] as f64);
                Efficiencies {
                    extinction,
                    scattering,
                    absorption: extinction - scattering,
                }
            }));
        }
        Ok(())
    })?;
    Ok(out)
}
