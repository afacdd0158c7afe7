//! The GPU context: adapter, device and queue with the adapter's real limits,
//! error scopes around every kernel, device-loss detection, and a fault
//! hook for testing the CPU fallback.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

/// Environment variable naming kernels that must fail (comma-separated, or
/// `all`), to test the fallback path: `CLUSTERSPEC_GPU_FAULT=broaden`.
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
    faults: Vec<String>,
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
        .map_err(|e| Error::Gpu(format!("cannot open {}: {e}", info.name)))?;
        let lost = Arc::new(AtomicBool::new(false));
        let flag = lost.clone();
        device.set_device_lost_callback(move |_reason, _msg| flag.store(true, Ordering::SeqCst));
        let faults = std::env::var(FAULT_ENV)
            .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default();
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
    pub fn inject_fault(&mut self, kernel: &str) {
        self.faults.push(kernel.to_string());
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
    pub fn guarded<T>(&self, kernel: &str, work: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        if self.faults.iter().any(|f| f == kernel || f == "all") {
            return Err(Error::Gpu(format!(
                "{kernel}: fault injected by {FAULT_ENV}"
            )));
        }
        if self.lost.load(Ordering::SeqCst) {
            return Err(Error::Gpu("the device was lost".into()));
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
            return Err(Error::Gpu(format!("{kernel}: {one_line}")));
        }
        if self.lost.load(Ordering::SeqCst) {
            return Err(Error::Gpu(format!("{kernel}: the device was lost")));
        }
        result
    }

    /// Blocks until all submitted work is done.
    pub fn wait(&self) -> Result<()> {
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map(|_| ())
            .map_err(|e| Error::Gpu(format!("waiting for the device: {e}")))
    }
}
