#include "model/job_spec.h"

namespace mpijobc {

const char* to_string(JobKind k) { return k == JobKind::MPIJob ? "MPIJob" : "HorovodJob"; }

const char* to_string(RestartPolicy p) {
  switch (p) {
    case RestartPolicy::Always: return "Always";
    case RestartPolicy::OnFailure: return "OnFailure";
    case RestartPolicy::Never: return "Never";
  }
  return "Never";
}

const char* to_string(CleanPodPolicy p) {
  switch (p) {
    case CleanPodPolicy::None: return "None";
    case CleanPodPolicy::Running: return "Running";
    case CleanPodPolicy::All: return "All";
  }
  return "None";
}

const char* to_string(MpiImplementation m) {
  switch (m) {
    case MpiImplementation::OpenMPI: return "OpenMPI";
    case MpiImplementation::Intel: return "Intel";
    case MpiImplementation::MPICH: return "MPICH";
  }
  return "OpenMPI";
}

}  // namespace mpijobc
