#include "lower/build_defaults.h"

#include "model/compat.h"

namespace mpijobc {

void apply_build_defaults(JobSpec& job) {
  if (!job.generated_image()) return;
  BuildSpec& b = job.build;
  auto fill = [&b](Field<std::string>& f, std::string value, const char* name) {
    if (!f.set()) f.assign(std::move(value), {b.origin.loc, std::string("spec.build.") + name});
  };
  if (job.kind == JobKind::HorovodJob) fill(b.horovod, kDefaultHorovod, "horovod");
  if (job.builds_horovod() && b.framework.set())
    if (const HorovodSupport* hs = horovod_support_for(*b.horovod, *b.framework))
      fill(b.framework_version, hs->default_version, "framework.version");
  if (!b.base_image.set()) {
    std::string base = kCpuBase;
    if (job.wants_gpu()) {
      base = kGpuBase;
      const FrameworkRelease* fw = b.framework.set() && b.framework_version.set()
                                       ? framework_release(*b.framework, *b.framework_version)
                                       : nullptr;
      if (const CudaImage* cuda = fw ? cuda_image_for(fw->cuda) : nullptr) base = cuda->image;
    }
    fill(b.base_image, base, "base_image");
  }
  if (const Distribution* d = base_image_facts(*b.base_image).distribution)
    fill(b.python, d->python, "python");
}

}  // namespace mpijobc
