package org.modeconn.engine.backend;

import static org.bytedeco.cuda.global.nvml.NVML_SUCCESS;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetCount_v2;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetCudaComputeCapability;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetHandleByIndex_v2;
import static org.bytedeco.cuda.global.nvml.nvmlDeviceGetName;
import static org.bytedeco.cuda.global.nvml.nvmlErrorString;
import static org.bytedeco.cuda.global.nvml.nvmlInit_v2;
import static org.bytedeco.cuda.global.nvml.nvmlShutdown;
import static org.bytedeco.cuda.global.nvml.nvmlSystemGetCudaDriverVersion_v2;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;

/**
 * Asks the NVIDIA driver for its GPUs through NVML (the driver's management library, reached through the bytedeco
 * CUDA presets the GPU feature brings), without starting CUDA or a process. Loaded only when those presets are on
 * the class path.
 */
final class NvmlDevices {

    /** The NVML header's limit for a device name. */
    private static final int NAME_LENGTH = 96;

    private NvmlDevices() {
    }

    /** What the driver reports; a failure says what could not be loaded or asked. */
    static GpuProbe.Report query() {
        try {
            Loader.load(nvml.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // NVML's presets load the CUDA runtime's too: either may be the one missing.
            return GpuProbe.Report.failed("the NVIDIA driver or the CUDA 11.6 runtime could not be loaded ("
                + e.getMessage() + "); install an NVIDIA driver for CUDA 11.6 or newer and CUDA 11.6 with cuDNN 8.3, "
                + "or uninstall the GPU feature");
        }
        int status = nvmlInit_v2();
        if (status != NVML_SUCCESS) {
            return GpuProbe.Report.failed("the NVIDIA driver did not answer (NVML: " + message(status) + ")");
        }
        try (IntPointer value = new IntPointer(1); IntPointer minor = new IntPointer(1);
                BytePointer name = new BytePointer(NAME_LENGTH)) {
            int driverCuda = nvmlSystemGetCudaDriverVersion_v2(value) == NVML_SUCCESS ? value.get() : 0;
            if (nvmlDeviceGetCount_v2(value) != NVML_SUCCESS) {
                return GpuProbe.Report.failed("the NVIDIA driver did not list its GPUs");
            }
            int count = value.get();
            List<GpuProbe.Gpu> gpus = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                nvmlDevice_st device = new nvmlDevice_st();
                if (nvmlDeviceGetHandleByIndex_v2(i, device) != NVML_SUCCESS
                    || nvmlDeviceGetCudaComputeCapability(device, value, minor) != NVML_SUCCESS) {
                    continue;
                }
                String label = nvmlDeviceGetName(device, name, NAME_LENGTH) == NVML_SUCCESS ? name.getString()
                    : "GPU " + i;
                gpus.add(new GpuProbe.Gpu(i, label, value.get() + minor.get() / 10.0));
            }
            return new GpuProbe.Report(gpus, driverCuda, null);
        } finally {
            nvmlShutdown();
        }
    }

    private static String message(int status) {
        BytePointer text = nvmlErrorString(status);
        return text == null ? "error " + status : text.getString() + " (" + status + ")";
    }
}
