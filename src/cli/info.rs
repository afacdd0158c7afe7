//! `clusterspec info`: the GPU adapters, their limits and features, and
//! which backend `--backend auto` would take.

use clap::Args;

use clusterspec::Result;
use clusterspec::engine::{BackendChoice, Engine};
use clusterspec::gpu::{adapters, is_hardware};

use super::report::backend_text;

/// Arguments of `info` (none).
#[derive(Args, Debug)]
pub struct InfoArgs {}

/// Prints every adapter with the limits that matter for compute.
pub fn run(_: InfoArgs) -> Result<()> {
    let list = adapters();
    if list.is_empty() {
        println!("no GPU adapter (Vulkan, Metal, DX12) found: every command runs on the CPU");
    }
    for (k, a) in list.iter().enumerate() {
        let i = a.get_info();
        let l = a.limits();
        println!("adapter {k}: {}", i.name);
        println!(
            "  type {:?} ({}), backend {:?}, driver {} {}",
            i.device_type,
            if is_hardware(&i) {
                "hardware"
            } else {
                "software emulation"
            },
            i.backend,
            i.driver,
            i.driver_info
        );
        println!(
            "  max storage buffer binding {} MiB, max buffer {} MiB",
            l.max_storage_buffer_binding_size / (1 << 20),
            l.max_buffer_size / (1 << 20)
        );
        println!(
            "  workgroups per dimension {}, invocations per workgroup {}, workgroup storage {} KiB, storage buffers per stage {}",
            l.max_compute_workgroups_per_dimension,
            l.max_compute_invocations_per_workgroup,
            l.max_compute_workgroup_storage_size / 1024,
            l.max_storage_buffers_per_shader_stage
        );
        let f = a.features();
        let names: Vec<String> = f.iter_names().map(|(n, _)| n.to_string()).collect();
        println!(
            "  features: {}",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(" ")
            }
        );
    }
    println!(
        "--backend auto would use: {}",
        backend_text(&Engine::new(BackendChoice::Auto)?)
    );
    Ok(())
}
