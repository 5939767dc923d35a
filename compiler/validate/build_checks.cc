#include "validate/build_checks.h"

#include "lower/fix_syntax.h"
#include "model/compat.h"

namespace mpijobc {
namespace {

const char* kOwnImage = "build.dockerfile: false for an image of your own";

// The framework field to add, in the spec's syntax: under build when the
// spec has a build block, else the block with it.
std::string framework_fix(const JobSpec& job, const char* name, const char* version) {
  bool dsl = is_dsl_path(job.source);
  bool has_build = job.build.origin.loc.line != job.spec_origin.loc.line ||
                   job.build.origin.loc.column != job.spec_origin.loc.column;
  std::string v = std::string("\"") + version + "\"";
  std::string field = dsl ? std::string("framework { name ") + name + ", version " + v + " }"
                          : std::string("framework: {name: ") + name + ", version: " + v + "}";
  if (has_build) return field + (dsl ? " in build" : " under build");
  return (dsl ? "build { " + field + " }" : "build: {" + field + "}") + " " +
         FixSyntax(job).spec_place();
}

void needs_framework(const JobSpec& job, DiagnosticEngine& diags) {
  const BuildSpec& b = job.build;
  if (!job.builds_horovod() || b.framework.set()) return;
  diags.error(b.origin.loc, "spec.build",
              "Horovod is built without a framework: its installer builds operations for the "
              "frameworks it finds, and refuses to build none",
              "add " + framework_fix(job, "pytorch", "2.0.1") + " (or tensorflow), or " + kOwnImage,
              "build/framework");
}

void python_shipped(const JobSpec& job, const BaseImage& base, DiagnosticEngine& diags) {
  const BuildSpec& b = job.build;
  if (!base.distribution) {
    if (!b.python.set())
      diags.error(b.base_image.origin.loc, b.base_image.origin.path,
                  "mpijobc does not know which Python " + *b.base_image + " ships",
                  "set build.python to the version its python3.N package has (\"3.11\"), or use "
                  "a base mpijobc knows, such as " + std::string(distributions()[1].example),
                  "build/python");
    return;
  }
  const Distribution& d = *base.distribution;
  if (*b.python == d.python) return;
  const Distribution* other = distribution_with_python(*b.python);
  diags.error(b.python.origin.loc, b.python.origin.path,
              *b.base_image + " is " + d.name + ", which ships Python " + d.python + ", not " +
                  *b.python,
              std::string("remove build.python to get ") + d.python +
                  (other ? std::string(", or use base_image ") + other->example + " (Python " +
                               *b.python + ")"
                         : std::string()),
              "build/python");
}

std::string display(const JobSpec& job) {
  return *job.build.framework + " " + *job.build.framework_version;
}

void horovod_builds(const JobSpec& job, DiagnosticEngine& diags) {
  const BuildSpec& b = job.build;
  if (!job.builds_horovod() || !b.framework.set() || !b.framework_version.set()) return;
  const HorovodSupport* hs = horovod_support_for(*b.horovod, *b.framework);
  if (!hs || !*hs->broken_from || compare_versions(*b.framework_version, hs->broken_from) < 0)
    return;
  diags.error(b.framework_version.origin.loc, b.framework_version.origin.path,
              "horovod " + *b.horovod + " does not build with " + display(job) + ": " + hs->why,
              std::string("use version \"") + hs->default_version + "\", the newest " +
                  *b.framework + " known to build with it, or " + kOwnImage,
              "build/horovod-framework");
}

void has_wheels(const JobSpec& job, const FrameworkRelease& fw, DiagnosticEngine& diags) {
  const BuildSpec& b = job.build;
  const std::string& py = *b.python;
  if (compare_versions(py, fw.python_min) >= 0 && compare_versions(py, fw.python_max) <= 0) return;
  // The base with the newest Python the release has wheels for (not for
  // GPU jobs, whose base is a CUDA image).
  const Distribution* base = nullptr;
  for (const Distribution& d : distributions())
    if (compare_versions(d.python, fw.python_min) >= 0 &&
        compare_versions(d.python, fw.python_max) <= 0 &&
        (!base || compare_versions(d.python, base->python) > 0))
      base = &d;
  std::string hint;
  if (base && !job.wants_gpu())
    hint = std::string("use base_image ") + base->example + " (Python " + base->python + ")";
  for (const FrameworkRelease& r : framework_releases())
    if (hint.empty() && std::string(r.framework) == fw.framework &&
        compare_versions(py, r.python_min) >= 0 && compare_versions(py, r.python_max) <= 0)
      hint = std::string("use a ") + fw.framework + " release with wheels for Python " + py +
             " (" + r.minor + ")";
  diags.error(b.framework_version.origin.loc, b.framework_version.origin.path,
              display(job) + " has wheels for Python " + fw.python_min + " to " + fw.python_max +
                  ", and the image has Python " + py + ": pip cannot install it",
              hint, "build/framework-python");
}

void cuda_matches(const JobSpec& job, const FrameworkRelease& fw, const BaseImage& base,
                  DiagnosticEngine& diags) {
  const BuildSpec& b = job.build;
  bool tensorflow = *b.framework == "tensorflow";
  if (!job.wants_gpu() || base.cuda.empty() || (!tensorflow && !job.builds_horovod())) return;
  if (version_numbers(base.cuda).front() == version_numbers(fw.cuda).front()) return;
  std::string why = tensorflow
                        ? "TensorFlow does not find the CUDA libraries it was built for and runs "
                          "on the CPU"
                        : "Horovod's NCCL operations compile against the image's CUDA, and the "
                          "framework's wheels bring their own";
  const CudaImage* image = cuda_image_for(fw.cuda);
  std::string hint = image ? std::string("use base_image ") + image->image +
                                 " (leave base_image out to get it)"
                           : std::string("use an nvidia/cuda image of CUDA ") + fw.cuda;
  for (const FrameworkRelease& r : framework_releases())
    if (std::string(r.framework) == fw.framework && compare_versions(r.minor, fw.minor) > 0 &&
        version_numbers(r.cuda).front() == version_numbers(base.cuda).front()) {
      hint += std::string(", or ") + fw.framework + " " + r.minor + " (CUDA " + r.cuda + ")";
      break;
    }
  diags.error(b.base_image.origin.loc, b.base_image.origin.path,
              *b.base_image + " has CUDA " + base.cuda + ", and " + display(job) +
                  " is built for CUDA " + fw.cuda + ": " + why,
              hint, "build/framework-cuda");
}

}  // namespace

void check_build(const JobSpec& job, DiagnosticEngine& diags) {
  if (!job.generated_image()) return;
  const BuildSpec& b = job.build;
  needs_framework(job, diags);
  BaseImage base = base_image_facts(*b.base_image);
  if (!base.unsupported.empty()) {
    diags.error(b.base_image.origin.loc, b.base_image.origin.path,
                *b.base_image + " is of the " + base.unsupported +
                    " family: the generated Dockerfile installs with apt-get, which only "
                    "Debian and Ubuntu have",
                std::string("use a Debian or Ubuntu base (") + distributions()[1].example +
                    "), or " + kOwnImage,
                "build/base-image");
    return;
  }
  python_shipped(job, base, diags);
  horovod_builds(job, diags);
  const FrameworkRelease* fw = b.framework.set() && b.framework_version.set()
                                   ? framework_release(*b.framework, *b.framework_version)
                                   : nullptr;
  if (!fw || !b.python.set()) return;
  has_wheels(job, *fw, diags);
  cuda_matches(job, *fw, base, diags);
}

}  // namespace mpijobc
