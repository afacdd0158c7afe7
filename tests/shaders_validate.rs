//! Every WGSL shader parses and validates with naga: no GPU needed.

use std::path::Path;

#[test]
fn every_shader_validates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("shaders");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("wgsl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let module = naga::front::wgsl::parse_str(&source)
            .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.emit_to_string(&source)));
        naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::default(),
        )
        .validate(&module)
        .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.emit_to_string(&source)));
        count += 1;
    }
    assert!(
        count >= 9,
        "expected the nine kernel files, found {count} shaders"
    );
}

#[test]
fn every_kernel_driver_uses_its_shader_file() {
    use clusterspec::gpu::{broaden, casida, dipoles, hamiltonian, jacobi, rotatory};
    for (src, file) in [
        (hamiltonian::SHADER, "hamiltonian.wgsl"),
        (dipoles::GEMM_SHADER, "dipole_gemm.wgsl"),
        (dipoles::OSCILLATOR_SHADER, "oscillator.wgsl"),
        (broaden::SHADER, "broaden.wgsl"),
        (broaden::BATCH_SHADER, "broaden_batch.wgsl"),
        (jacobi::SHADER, "jacobi.wgsl"),
        (rotatory::MAGNETIC_SHADER, "magnetic.wgsl"),
        (rotatory::PROJECT_SHADER, "project_gemm.wgsl"),
        (casida::CASIDA_SHADER, "casida.wgsl"),
    ] {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("shaders")
                .join(file),
        )
        .unwrap();
        assert_eq!(src, on_disk, "{file}");
    }
}
