//! Buffers and dispatches: upload, zeroed outputs, read-back, and the
//! recorder that puts the passes of one stage into one command encoder.

use bytemuck::Pod;
use wgpu::util::DeviceExt;

use super::context::GpuContext;
use super::shaders::Shader;
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
        .map_err(|_| Error::gpu(None, "read-back callback never ran"))?
        .map_err(|e| Error::gpu(None, format!("mapping a result buffer: {e}")))?;
    let view = staging
        .get_mapped_range(..)
        .map_err(|e| Error::gpu(None, format!("reading a result buffer: {e}")))?;
    let out = bytemuck::cast_slice::<u8, T>(&view[..bytes as usize]).to_vec();
    drop(view);
    staging.unmap();
    Ok(out)
}

/// The dispatches of one stage, recorded into one command encoder (each
/// in a compute pass of its own, so later passes see earlier results) and
/// submitted together. Pipelines come from the context's registry.
pub struct Recorder<'a> {
    ctx: &'a GpuContext,
    encoder: wgpu::CommandEncoder,
}

impl<'a> Recorder<'a> {
    /// An empty recording on `ctx`.
    pub fn new(ctx: &'a GpuContext) -> Self {
        Recorder {
            ctx,
            encoder: ctx.device.create_command_encoder(&Default::default()),
        }
    }

    /// Binds `buffers` to group 0 at bindings 0, 1, 2, … and records a
    /// dispatch of `workgroups` (x, y, z) of `shader`.
    pub fn dispatch(
        &mut self,
        shader: &'static Shader,
        buffers: &[&wgpu::Buffer],
        workgroups: (u32, u32, u32),
    ) {
        let numbered: Vec<(u32, &wgpu::Buffer)> = buffers
            .iter()
            .enumerate()
            .map(|(i, b)| (i as u32, *b))
            .collect();
        self.dispatch_bound(shader, &numbered, workgroups);
    }

    /// Binds each buffer at its own binding number of group 0 (for entry
    /// points that use only some bindings of a shader) and records a
    /// dispatch of `workgroups`.
    pub fn dispatch_bound(
        &mut self,
        shader: &'static Shader,
        bindings: &[(u32, &wgpu::Buffer)],
        workgroups: (u32, u32, u32),
    ) {
        let pipeline = self.ctx.pipeline(shader);
        let layout = pipeline.get_bind_group_layout(0);
        let entries: Vec<wgpu::BindGroupEntry> = bindings
            .iter()
            .map(|(i, b)| wgpu::BindGroupEntry {
                binding: *i,
                resource: b.as_entire_binding(),
            })
            .collect();
        let group = self
            .ctx
            .device
            .create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(shader.name),
                layout: &layout,
                entries: &entries,
            });
        let mut pass = self
            .encoder
            .begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some(shader.name),
                timestamp_writes: None,
            });
        pass.set_pipeline(&pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(
            workgroups.0.max(1),
            workgroups.1.max(1),
            workgroups.2.max(1),
        );
    }

    /// Submits everything recorded.
    pub fn submit(self) {
        self.ctx.queue.submit([self.encoder.finish()]);
    }
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
