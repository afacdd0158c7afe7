//! Every WGSL source a kernel driver compiles parses and validates with
//! naga (no GPU needed); each is its shader file, or the shared line shapes
//! (lineshape.wgsl) followed by it, and every file in shaders/ is used.

use std::path::Path;

use clusterspec::gpu::{broaden, casida, dipoles, hamiltonian, jacobi, rotatory};

fn file(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("shaders")
            .join(name),
    )
    .unwrap()
}

/// (source the driver compiles, the files it is made of).
fn drivers() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (hamiltonian::SHADER, vec!["hamiltonian.wgsl"]),
        (dipoles::GEMM_SHADER, vec!["dipole_gemm.wgsl"]),
        (dipoles::OSCILLATOR_SHADER, vec!["oscillator.wgsl"]),
        (broaden::SHADER, vec!["lineshape.wgsl", "broaden.wgsl"]),
        (
            broaden::BATCH_SHADER,
            vec!["lineshape.wgsl", "broaden_batch.wgsl"],
        ),
        (jacobi::SHADER, vec!["jacobi.wgsl"]),
        (rotatory::MAGNETIC_SHADER, vec!["magnetic.wgsl"]),
        (rotatory::PROJECT_SHADER, vec!["project_gemm.wgsl"]),
        (casida::CASIDA_SHADER, vec!["casida.wgsl"]),
    ]
}

fn validate(label: &str, source: &str) {
    let module = naga::front::wgsl::parse_str(source)
        .unwrap_or_else(|e| panic!("{label}: {}", e.emit_to_string(source)));
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::default(),
    )
    .validate(&module)
    .unwrap_or_else(|e| panic!("{label}: {}", e.emit_to_string(source)));
}

#[test]
fn every_kernel_source_validates() {
    for (source, files) in drivers() {
        validate(&files.join(" + "), source);
    }
    // The shared helpers also stand on their own.
    validate("lineshape.wgsl", &file("lineshape.wgsl"));
}

#[test]
fn every_kernel_driver_uses_its_shader_files() {
    for (source, files) in drivers() {
        let on_disk: String = files.iter().map(|f| file(f)).collect();
        assert_eq!(source, on_disk, "{files:?}");
    }
}

#[test]
fn every_shader_file_is_used() {
    let used: Vec<&str> = drivers().into_iter().flat_map(|(_, f)| f).collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("shaders");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".wgsl") {
            assert!(
                used.contains(&name.as_str()),
                "{name} is compiled by no driver"
            );
        }
    }
}
