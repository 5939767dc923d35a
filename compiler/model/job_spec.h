// The typed job model: what every front end produces and every later pass
// reads. Each field remembers where it came from (position + spec path) so
// that findings in any pass point at what the user wrote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/node.h"
#include "support/source.h"

namespace mpijobc {

struct Origin {
  SourceLoc loc;
  std::string path;  // spec field path, e.g. "spec.worker.replicas"
};

template <class T>
struct Field {
  std::optional<T> value;
  Origin origin;  // where the value was written (or, for defaults, its parent)

  bool set() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
  void assign(T v, Origin o) {
    value = std::move(v);
    origin = std::move(o);
  }
};

enum class JobKind { MPIJob, HorovodJob };
enum class RestartPolicy { Always, OnFailure, Never };
enum class CleanPodPolicy { None, Running, All };
enum class MpiImplementation { OpenMPI, Intel, MPICH };

struct Resources {
  Field<std::string> cpu, mem, gpu, ephemeral_storage;
  bool empty() const { return !cpu.set() && !mem.set() && !gpu.set() && !ephemeral_storage.set(); }
};

struct KeyValue {
  std::string key, value;
  Origin origin;  // of the key
};

// Kubernetes fragments for a role's pods (spec.pod for both roles), merged
// into what the targets generate (render/pod_parts.h says how).
struct PodOverride {
  Origin origin;  // the "pod:" key
  std::vector<KeyValue> labels, annotations;
  Field<bool> istio_sidecar;
  Field<Node> spec;       // PodSpec fields, as written (located)
  Field<Node> container;  // Container fields for the role's container
};

struct Role {
  Origin origin;  // the "launcher:"/"worker:" key, or spec when absent
  Field<int64_t> replicas;
  Field<std::string> image;
  Field<std::vector<std::string>> command;
  Resources requests, limits;
  Field<RestartPolicy> restart_policy;
  PodOverride pod;
};

struct SchedulingPolicy {
  Origin origin;  // the "scheduling:" key
  bool present = false;
  Field<int64_t> min_available, schedule_timeout_seconds;
  Field<std::string> queue, priority_class;
  Resources min_resources;
};

struct RunPolicy {
  Field<CleanPodPolicy> clean_pod_policy;
  Field<int64_t> ttl_seconds_after_finished, active_deadline_seconds, backoff_limit;
  SchedulingPolicy scheduling;
  Field<bool> suspend;
  Field<std::string> managed_by;
};

// trainer.kubeflow.org/v1alpha1: an installed (Cluster)TrainingRuntime the
// TrainJob runs on, instead of a TrainingRuntime of the job's own.
struct RuntimeRef {
  Origin origin;  // the "runtime_ref:" key
  bool present = false;
  Field<std::string> name, kind;  // kind: TrainingRuntime | ClusterTrainingRuntime
};

struct CopyItem {
  std::string src, dest;
  Origin origin;
};

struct BuildSpec {
  Origin origin;
  Field<std::string> base_image, python, framework, framework_version, horovod;
  std::vector<std::string> pip, apt;
  std::vector<CopyItem> copy;
  Field<bool> gpu;
  Field<bool> dockerfile;  // false: the image is the user's own, no Dockerfile
};

struct HorovodOptions {
  Field<bool> verbose;
  Field<std::string> log_level, discovery_script_path, network_interface;
  Field<int64_t> elastic_timeout;
  Field<int64_t> min_replicas, max_replicas;  // elastic range of workers
};

struct JobSpec {
  std::string source;  // path of the file it came from, as given
  Origin origin;       // the document
  Origin spec_origin;  // the "spec:" key
  JobKind kind = JobKind::MPIJob;
  Field<std::string> name, namespace_;
  std::vector<KeyValue> labels, annotations, env;
  Field<std::string> image;
  Field<std::vector<std::string>> command;
  // MPIJob: replaces the implementation's transport flags in the mpirun line.
  Field<std::vector<std::string>> mpirun_args;
  Field<int64_t> slots;
  Field<std::string> target;  // an apiVersion of render/target.h; unset: the default
  Field<MpiImplementation> mpi_implementation;
  // kubeflow.org/v2beta1 only; unset: that operator's default.
  Field<std::string> ssh_auth_mount_path, launcher_creation_policy;
  Field<bool> run_launcher_as_worker;
  RuntimeRef runtime_ref;  // trainer.kubeflow.org/v1alpha1 only
  Role launcher, worker;
  PodOverride pod;  // both roles; a role's own wins
  RunPolicy run_policy;
  BuildSpec build;
  HorovodOptions horovod;
  Field<int64_t> num_workers, num_launcher_replicas;  // deprecated

  // After lowering: the number of MPI processes (a launcher that runs as a
  // worker has slots ranks too).
  int64_t processes() const {
    bool launcher_ranks = run_launcher_as_worker.set() && *run_launcher_as_worker;
    return (*worker.replicas + (launcher_ranks ? 1 : 0)) * *slots;
  }
};

const char* to_string(JobKind k);
const char* to_string(RestartPolicy p);    // Kubernetes spelling: "OnFailure"
const char* to_string(CleanPodPolicy p);   // Kubernetes spelling: "Running"
const char* to_string(MpiImplementation m);  // the operator's spelling: "OpenMPI"

}  // namespace mpijobc
