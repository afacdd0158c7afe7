//! The GPU context: adapter, device and queue with the adapter's real limits,
//! the pipelines compiled so far (each once per context), error scopes
//! around every kernel, device-loss detection, and a fault hook for
//! testing the CPU fallback.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::kernel::Kernel;
use super::kernel::parse_fault_list;
use super::shaders::Shader;
use crate::error::{Error, Result};

/// Environment variable naming kernels that must fail (comma-separated
/// [`Kernel`] names, or `all`), to test the fallback path:
/// `CLUSTERSPEC_GPU_FAULT=broaden`. An unknown name makes opening fail.
pub const FAULT_ENV: &str = "CLUSTERSPEC_GPU_FAULT";

/// A device ready for compute.
pub struct GpuContext {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub info: wgpu::AdapterInfo,
    pub limits: wgpu::Limits,
    /// Largest storage-buffer binding used, bytes: the adapter's limit, or
    /// less when a test asks for smaller chunks.
    pub max_binding: u64,
    /// Largest workgroup count per dispatch dimension used: the adapter's,
    /// or less when a test asks for it.
    pub max_workgroups: u32,
    lost: Arc<AtomicBool>,
    faults: Vec<Kernel>,
    pipelines: Mutex<HashMap<&'static str, wgpu::ComputePipeline>>,
    pipelines_created: AtomicUsize,
}

/// True for adapters that are real hardware rather than CPU emulation.
pub fn is_hardware(info: &wgpu::AdapterInfo) -> bool {
    matches!(
        info.device_type,
        wgpu::DeviceType::DiscreteGpu
            | wgpu::DeviceType::IntegratedGpu
            | wgpu::DeviceType::VirtualGpu
    )
}

/// The compute-capable adapters on this machine (Vulkan, Metal, DX12),
/// hardware first, discrete before integrated.
pub fn adapters() -> Vec<wgpu::Adapter> {
    let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
    desc.backends = wgpu::Backends::PRIMARY;
    let instance = wgpu::Instance::new(desc);
    let mut list = pollster::block_on(instance.enumerate_adapters(wgpu::Backends::PRIMARY));
    list.sort_by_key(|a| match a.get_info().device_type {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Other => 3,
        wgpu::DeviceType::Cpu => 4,
    });
    list
}

impl GpuContext {
    /// Opens `adapter` with its own limits (not wgpu's small defaults).
    pub fn open(adapter: &wgpu::Adapter) -> Result<Self> {
        let info = adapter.get_info();
        let limits = adapter.limits();
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("clusterspec"),
            required_features: wgpu::Features::empty(),
            required_limits: limits.clone(),
            memory_hints: wgpu::MemoryHints::Performance,
            ..Default::default()
        }))
        .map_err(|e| Error::gpu(None, format!("cannot open {}: {e}", info.name)))?;
        let lost = Arc::new(AtomicBool::new(false));
        let flag = lost.clone();
        device.set_device_lost_callback(move |_reason, _msg| flag.store(true, Ordering::SeqCst));
        let faults = match std::env::var(FAULT_ENV) {
            Ok(list) => parse_fault_list(&list)
                .map_err(|e| Error::invalid(format!("{FAULT_ENV}={list}: {e}")))?,
            Err(_) => Vec::new(),
        };
        let max_binding = limits
            .max_storage_buffer_binding_size
            .min(limits.max_buffer_size);
        let max_workgroups = limits.max_compute_workgroups_per_dimension.max(1);
        Ok(GpuContext {
            device,
            queue,
            info,
            limits,
            max_binding,
            max_workgroups,
            lost,
            faults,
            pipelines: Mutex::new(HashMap::new()),
            pipelines_created: AtomicUsize::new(0),
        })
    }

    /// The first adapter of [`adapters`], opened; `None` when there is none.
    pub fn first() -> Result<Option<Self>> {
        match adapters().first() {
            Some(a) => Self::open(a).map(Some),
            None => Ok(None),
        }
    }

    /// Lowers the binding size used for chunking (tests use this to force
    /// splitting on small inputs). Never raises it above the adapter's.
    pub fn with_max_binding(mut self, bytes: u64) -> Self {
        self.max_binding = self.max_binding.min(bytes.max(256));
        self
    }

    /// Lowers the per-dimension workgroup count used for splitting dispatches
    /// (tests force 2-D folding with it).
    pub fn with_max_workgroups(mut self, groups: u32) -> Self {
        self.max_workgroups = self.max_workgroups.min(groups.max(1));
        self
    }

    /// Makes every later run of `kernel` (or of every kernel, for "all")
    /// fail as a lost device would: the hook behind [`FAULT_ENV`], for
    /// testing the CPU fallback.
    pub fn inject_fault(&mut self, kernel: Kernel) {
        self.faults.push(kernel);
    }

    /// The compute pipeline of `shader`, compiled on first use and kept
    /// for the life of the context.
    pub fn pipeline(&self, shader: &'static Shader) -> wgpu::ComputePipeline {
        let mut cache = self
            .pipelines
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(shader.name)
            .or_insert_with(|| {
                self.pipelines_created.fetch_add(1, Ordering::SeqCst);
                let module = self
                    .device
                    .create_shader_module(wgpu::ShaderModuleDescriptor {
                        label: Some(shader.name),
                        source: wgpu::ShaderSource::Wgsl(shader.source.into()),
                    });
                self.device
                    .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                        label: Some(shader.name),
                        layout: None,
                        module: &module,
                        entry_point: Some(shader.entry),
                        compilation_options: Default::default(),
                        cache: None,
                    })
            })
            .clone()
    }

    /// How many pipelines this context has compiled (each shader once).
    pub fn pipelines_created(&self) -> usize {
        self.pipelines_created.load(Ordering::SeqCst)
    }

    /// One line naming the adapter.
    pub fn describe(&self) -> String {
        format!(
            "{} ({:?}, {:?}, driver {})",
            self.info.name, self.info.device_type, self.info.backend, self.info.driver
        )
    }

    /// Runs `work` inside out-of-memory, validation and internal error
    /// scopes; any error, a lost device or an injected fault for `kernel`
    /// comes back as [`Error::Gpu`].
    pub fn guarded<T>(&self, kernel: Kernel, work: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        if self.faults.contains(&kernel) {
            return Err(Error::gpu(
                kernel.name(),
                format!("fault injected by {FAULT_ENV}"),
            ));
        }
        if self.lost.load(Ordering::SeqCst) {
            return Err(Error::gpu(kernel.name(), "the device was lost"));
        }
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let internal = self.device.push_error_scope(wgpu::ErrorFilter::Internal);
        let result = work(self);
        let errors = [
            pollster::block_on(internal.pop()),
            pollster::block_on(validation.pop()),
            pollster::block_on(oom.pop()),
        ];
        if let Some(e) = errors.into_iter().flatten().next() {
            let one_line = e
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            return Err(Error::gpu(kernel.name(), one_line));
        }
        if self.lost.load(Ordering::SeqCst) {
            return Err(Error::gpu(kernel.name(), "the device was lost"));
        }
        // Failures inside `work` without a kernel of their own are this one's.
        result.map_err(|e| match e {
            Error::Gpu {
                kernel: None,
                cause,
            } => Error::gpu(kernel.name(), cause),
            other => other,
        })
    }

    /// Blocks until all submitted work is done.
    pub fn wait(&self) -> Result<()> {
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map(|_| ())
            .map_err(|e| Error::gpu(None, format!("waiting for the device: {e}")))
    }
}
