//! Buffers and pipelines: upload, zeroed outputs, read-back, and compute
//! pipelines built from the WGSL sources in shaders/.

use bytemuck::Pod;
use wgpu::util::DeviceExt;

use super::context::GpuContext;
use crate::error::{Error, Result};

/// A storage buffer holding `data` (an empty slice gives 16 zero bytes:
/// wgpu rejects bindings smaller than one element).
pub fn storage<T: Pod>(ctx: &GpuContext, label: &str, data: &[T]) -> wgpu::Buffer {
    let bytes: &[u8] = bytemuck::cast_slice(data);
    let contents: Vec<u8> = if bytes.is_empty() {
        vec![0; 16]
    } else {
        bytes.to_vec()
    };
    ctx.device
        .create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some(label),
            contents: &contents,
            usage: wgpu::BufferUsages::STORAGE
                | wgpu::BufferUsages::COPY_SRC
                | wgpu::BufferUsages::COPY_DST,
        })
}

/// A zero-filled storage buffer of `bytes` bytes (rounded up to 4).
pub fn zeroed(ctx: &GpuContext, label: &str, bytes: u64) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size: bytes.max(4).next_multiple_of(4),
        usage: wgpu::BufferUsages::STORAGE
            | wgpu::BufferUsages::COPY_SRC
            | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    })
}

/// A uniform buffer holding one `Pod` value.
pub fn uniform<T: Pod>(ctx: &GpuContext, label: &str, value: &T) -> wgpu::Buffer {
    ctx.device
        .create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some(label),
            contents: bytemuck::bytes_of(value),
            usage: wgpu::BufferUsages::UNIFORM,
        })
}

/// Copies the first `len` elements of `buffer` back to the host.
pub fn read_back<T: Pod>(ctx: &GpuContext, buffer: &wgpu::Buffer, len: usize) -> Result<Vec<T>> {
    let bytes = (len * std::mem::size_of::<T>()) as u64;
    if bytes == 0 {
        return Ok(Vec::new());
    }
    let staging = ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("read-back"),
        size: bytes.next_multiple_of(4),
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut encoder = ctx.device.create_command_encoder(&Default::default());
    encoder.copy_buffer_to_buffer(buffer, 0, &staging, 0, bytes.next_multiple_of(4));
    ctx.queue.submit([encoder.finish()]);
    let (tx, rx) = std::sync::mpsc::channel();
    staging.map_async(wgpu::MapMode::Read, .., move |r| {
        let _ = tx.send(r);
    });
    ctx.wait()?;
    rx.recv()
        .map_err(|_| Error::Gpu("read-back callback never ran".into()))?
        .map_err(|e| Error::Gpu(format!("mapping a result buffer: {e}")))?;
    let view = staging
        .get_mapped_range(..)
        .map_err(|e| Error::Gpu(format!("reading a result buffer: {e}")))?;
    let out = bytemuck::cast_slice::<u8, T>(&view[..bytes as usize]).to_vec();
    drop(view);
    staging.unmap();
    Ok(out)
}

/// A compute pipeline for entry point `main` of WGSL `source`, with the
/// bind-group layout derived from the shader.
pub fn pipeline(ctx: &GpuContext, label: &str, source: &str) -> wgpu::ComputePipeline {
    pipeline_entry(ctx, label, source, "main")
}

/// A compute pipeline for entry point `entry` of WGSL `source`.
pub fn pipeline_entry(
    ctx: &GpuContext,
    label: &str,
    source: &str,
    entry: &str,
) -> wgpu::ComputePipeline {
    let module = ctx
        .device
        .create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(label),
            source: wgpu::ShaderSource::Wgsl(source.into()),
        });
    ctx.device
        .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some(label),
            layout: None,
            module: &module,
            entry_point: Some(entry),
            compilation_options: Default::default(),
            cache: None,
        })
}

/// Binds `buffers` to group 0 at bindings 0, 1, 2, … and dispatches
/// `workgroups` (x, y) in one pass of its own.
pub fn dispatch(
    ctx: &GpuContext,
    pipeline: &wgpu::ComputePipeline,
    buffers: &[&wgpu::Buffer],
    workgroups: (u32, u32),
) {
    dispatch_xyz(ctx, pipeline, buffers, (workgroups.0, workgroups.1, 1));
}

/// [`dispatch`] with a third workgroup dimension.
pub fn dispatch_xyz(
    ctx: &GpuContext,
    pipeline: &wgpu::ComputePipeline,
    buffers: &[&wgpu::Buffer],
    workgroups: (u32, u32, u32),
) {
    let numbered: Vec<(u32, &wgpu::Buffer)> = buffers
        .iter()
        .enumerate()
        .map(|(i, b)| (i as u32, *b))
        .collect();
    dispatch_bound(ctx, pipeline, &numbered, workgroups);
}

/// Binds each buffer at its own binding number of group 0 (for entry points
/// that use only some bindings of a shader) and dispatches `workgroups`.
pub fn dispatch_bound(
    ctx: &GpuContext,
    pipeline: &wgpu::ComputePipeline,
    bindings: &[(u32, &wgpu::Buffer)],
    workgroups: (u32, u32, u32),
) {
    let layout = pipeline.get_bind_group_layout(0);
    let entries: Vec<wgpu::BindGroupEntry> = bindings
        .iter()
        .map(|(i, b)| wgpu::BindGroupEntry {
            binding: *i,
            resource: b.as_entire_binding(),
        })
        .collect();
    let group = ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: None,
        layout: &layout,
        entries: &entries,
    });
    let mut encoder = ctx.device.create_command_encoder(&Default::default());
    {
        let mut pass = encoder.begin_compute_pass(&Default::default());
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(
            workgroups.0.max(1),
            workgroups.1.max(1),
            workgroups.2.max(1),
        );
    }
    ctx.queue.submit([encoder.finish()]);
}

/// Splits `groups` workgroups into (x, y) with x ≤ the per-dimension limit,
/// so more than 65535 groups never fail; the shader rebuilds the linear index
/// as x + y·x_count.
pub fn split_groups(ctx: &GpuContext, groups: u32) -> (u32, u32) {
    let max = ctx.max_workgroups;
    if groups <= max {
        (groups, 1)
    } else {
        (max, groups.div_ceil(max))
    }
}
