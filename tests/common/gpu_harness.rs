//! The harness of the GPU test files (Cargo.toml: harness = false): runs
//! the selected tests, each caught on its own, and on a machine without a
//! GPU adapter says loudly which it skipped. With CLUSTERSPEC_REQUIRE_GPU=1
//! a missing adapter is a failure.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use clusterspec::Engine;
use clusterspec::engine::{BackendChoice, Reason};
use clusterspec::gpu::{self, GpuContext};

/// A named test.
pub type Test = (&'static str, fn());

/// The first adapter's context.
pub fn context() -> GpuContext {
    GpuContext::first()
        .expect("open the GPU")
        .expect("an adapter")
}

/// An engine on `ctx`, as `--backend gpu` makes one.
pub fn engine_on(ctx: GpuContext) -> Engine {
    Engine::with_gpu(
        ctx,
        Reason::Requested {
            choice: BackendChoice::Gpu,
        },
    )
}

/// Runs the tests of `suite` selected by the command-line filters.
pub fn run(suite: &str, tests: &[Test]) {
    let require = std::env::var("CLUSTERSPEC_REQUIRE_GPU").is_ok_and(|v| v == "1");
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let selected: Vec<&Test> = tests
        .iter()
        .filter(|(n, _)| filter.is_empty() || filter.iter().any(|f| n.contains(f.as_str())))
        .collect();
    if gpu::adapters().is_empty() {
        println!();
        println!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        println!(
            "!! NO GPU ADAPTER: the {} GPU tests below were SKIPPED.",
            selected.len()
        );
        for (name, _) in &selected {
            println!("!!   skipped: {name}");
        }
        println!("!! Install a Vulkan driver (mesa-vulkan-drivers gives lavapipe) to run them.");
        println!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        if require {
            println!("CLUSTERSPEC_REQUIRE_GPU=1: a missing adapter is a failure.");
            std::process::exit(1);
        }
        println!("{suite}: 0 passed, 0 failed, {} skipped", selected.len());
        return;
    }
    println!(
        "running {} GPU tests on {}",
        selected.len(),
        context().describe()
    );
    let mut failed = Vec::new();
    for (name, test) in &selected {
        let t0 = Instant::now();
        let ok = catch_unwind(AssertUnwindSafe(test)).is_ok();
        println!(
            "test {name} ... {} ({:.1} s)",
            if ok { "ok" } else { "FAILED" },
            t0.elapsed().as_secs_f64()
        );
        if !ok {
            failed.push(*name);
        }
    }
    println!(
        "{suite}: {} passed, {} failed",
        selected.len() - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        println!("failed: {}", failed.join(", "));
        std::process::exit(1);
    }
}
