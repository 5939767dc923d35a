// What differs between the MPI implementations a job can use (Open MPI,
// Intel MPI, MPICH), in one table: how the launcher calls mpirun, the
// hostfile format it reads, what the image installs, and which Debian
// program `mpijobc run --local` uses. Renderers read the table instead of
// branching on the implementation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/job_spec.h"

namespace mpijobc {

struct MpiFlavor {
  MpiImplementation id;
  // Intel MPI and MPICH start ranks through the Hydra process manager:
  // hostfile lines `host:N` given with -f, environment forwarded with
  // -genvlist/-genv, -launcher rsh -launcher-exec for kubectl exec.
  bool hydra;
  // The vendor's apt repository the packages come from ("" for Debian's):
  // its signing key's URL, where the key goes, and its sources.list line.
  std::string apt_key_url, apt_keyring, apt_source;
  std::vector<std::string> packages;      // apt packages of the runtime
  std::vector<std::string> dev_packages;  // and to compile against it (Horovod)
  std::string setup_script;  // sourced, when present, before mpirun runs ("" for none)
  std::string local_mpirun;  // its mpirun on a Debian workstation ("" when not packaged)
  std::string local_hint;    // how to get it
  std::vector<std::string> tag_output;  // flags that prefix each line with [job,rank]<stdout>:
};

const MpiFlavor& mpi_flavor(MpiImplementation id);

// The MPI implementation an apt package or an image reference names
// ("libmpich-dev", "mpioperator/openmpi:0.6"), when it names one.
std::optional<MpiImplementation> mpi_of_package(std::string_view package);
std::optional<MpiImplementation> mpi_of_image(std::string_view image);

// The launcher's mpirun flags for the job, -np and the hostfile excepted:
// flytekit's for Open MPI (binding, ob1, no openib, -x forwarding), their
// Hydra equivalents otherwise; the launcher's env names (the spec's, and
// those spec.pod and launcher.pod set, from Secrets too) are forwarded to
// every rank (ranks started over ssh or kubectl exec do not inherit the pod's).
// The spec's mpirun_args replace Open MPI's transport flags (ob1, no openib)
// and follow Hydra's, which have none.
std::vector<std::string> mpirun_flags(const JobSpec& job);

// The env names the launcher's container has, each once: the spec's env,
// then the container env of spec.pod and launcher.pod (values from Secrets
// and ConfigMaps included). Names that are no C identifier, which Kubernetes
// allows but shells and mpirun do not, are left out.
std::vector<std::string> launcher_env_names(const JobSpec& job);

// The environment mpi-operator (kubeflow.org/v2beta1) gives the launcher
// container for this implementation, its hostfile and slots per worker.
std::vector<std::pair<std::string, std::string>> operator_launcher_env(
    MpiImplementation id, const std::string& hostfile, const std::string& slots);

}  // namespace mpijobc
