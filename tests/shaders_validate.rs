//! Every WGSL pipeline in the registry (src/gpu/shaders.rs) parses and
//! validates with naga (no GPU needed), has its entry point as a compute
//! shader whose workgroup fits the smallest limit wgpu guarantees, binds
//! only group 0, has a unique name, and every file in shaders/ is used.

use std::collections::HashSet;
use std::path::Path;

use clusterspec::gpu::shaders::{ALL, Shader};

fn module(shader: &Shader) -> naga::Module {
    let source = shader.source;
    let module = naga::front::wgsl::parse_str(source)
        .unwrap_or_else(|e| panic!("{}: {}", shader.name, e.emit_to_string(source)));
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::default(),
    )
    .validate(&module)
    .unwrap_or_else(|e| panic!("{}: {}", shader.name, e.emit_to_string(source)));
    module
}

#[test]
fn every_pipeline_validates_with_its_entry_point() {
    for shader in ALL {
        let m = module(shader);
        let entry = m
            .entry_points
            .iter()
            .find(|e| e.name == shader.entry)
            .unwrap_or_else(|| panic!("{}: no entry point `{}`", shader.name, shader.entry));
        assert_eq!(entry.stage, naga::ShaderStage::Compute, "{}", shader.name);
        let [x, y, z] = entry.workgroup_size;
        // wgpu's default limits: 256 invocations, x and y ≤ 256, z ≤ 64.
        assert!(
            x * y * z <= 256 && x <= 256 && y <= 256 && z <= 64,
            "{}: workgroup {x}×{y}×{z} exceeds the default limits",
            shader.name
        );
        for (_, var) in m.global_variables.iter() {
            if let Some(binding) = &var.binding {
                assert_eq!(binding.group, 0, "{}: only group 0 is bound", shader.name);
            }
        }
    }
}

#[test]
fn shared_line_shapes_validate_on_their_own() {
    let source = include_str!("../shaders/lineshape.wgsl");
    naga::front::wgsl::parse_str(source).unwrap_or_else(|e| panic!("{}", e.emit_to_string(source)));
}

#[test]
fn names_are_unique_and_every_shader_file_is_used() {
    let names: HashSet<&str> = ALL.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), ALL.len(), "two pipelines share a name");
    let used: HashSet<&str> = ALL.iter().flat_map(|s| s.files.iter().copied()).collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("shaders");
    let mut on_disk = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".wgsl") {
            on_disk += 1;
            assert!(
                used.contains(name.as_str()),
                "{name} is compiled by no pipeline"
            );
        }
    }
    assert_eq!(
        on_disk,
        used.len(),
        "a pipeline names a file not in shaders/"
    );
}
