#include "frontend/spec_builder.h"

namespace mpijobc {
namespace {

class Reader {
 public:
  Reader(const Node* map, std::string path, SourceLoc loc)
      : map_(map), path_(std::move(path)), loc_(loc) {}

  Reader child(const char* key) const {
    const Member* m = map_ ? map_->member(key) : nullptr;
    return Reader(m && m->value.is_map() ? &m->value : nullptr, at(key), m ? m->key_loc : loc_);
  }
  Origin origin() const { return {loc_, path_}; }
  bool present() const { return map_ != nullptr; }

  void read(const char* key, Field<std::string>& f) const {
    if (const Node* n = scalar(key)) f.assign(n->text, {n->loc, at(key)});
  }
  void read(const char* key, Field<int64_t>& f) const {
    if (const Node* n = scalar(key))
      if (auto v = n->as_int()) f.assign(*v, {n->loc, at(key)});
  }
  void read(const char* key, Field<bool>& f) const {
    if (const Node* n = scalar(key))
      if (auto v = n->as_bool()) f.assign(*v, {n->loc, at(key)});
  }
  void read(const char* key, Field<std::vector<std::string>>& f) const {
    const Node* n = map_ ? map_->get(key) : nullptr;
    if (!n || !n->is_seq()) return;
    std::vector<std::string> words;
    for (const Node& item : n->items) words.push_back(item.text);
    f.assign(std::move(words), {n->loc, at(key)});
  }
  void read(const char* key, Field<Node>& f) const {
    const Node* n = map_ ? map_->get(key) : nullptr;
    if (n && n->is_map()) f.assign(*n, {n->loc, at(key)});
  }
  template <class E>
  void read_enum(const char* key, Field<E>& f,
                 std::initializer_list<std::pair<const char*, E>> table) const {
    if (const Node* n = scalar(key))
      for (const auto& [name, value] : table)
        if (n->text == name) f.assign(value, {n->loc, at(key)});
  }
  void read(const char* key, std::vector<std::string>& out) const {
    const Node* n = map_ ? map_->get(key) : nullptr;
    if (n && n->is_seq())
      for (const Node& item : n->items) out.push_back(item.text);
  }
  void read(const char* key, std::vector<KeyValue>& out) const {
    const Node* n = map_ ? map_->get(key) : nullptr;
    if (!n || !n->is_map()) return;
    for (const Member& m : n->members)
      out.push_back({m.key, m.value.text, {m.key_loc, at(key) + "." + m.key}});
  }
  const Node* node(const char* key) const { return map_ ? map_->get(key) : nullptr; }
  std::string at(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  const Node* scalar(const char* key) const {
    const Node* n = map_ ? map_->get(key) : nullptr;
    return n && n->is_scalar() && !n->is_null() ? n : nullptr;
  }

  const Node* map_;
  std::string path_;
  SourceLoc loc_;
};

void read_resources(const Reader& r, Resources& res) {
  r.read("cpu", res.cpu);
  r.read("mem", res.mem);
  r.read("gpu", res.gpu);
  r.read("ephemeral_storage", res.ephemeral_storage);
}

void read_pod(const Reader& parent, PodOverride& pod) {
  Reader r = parent.child("pod");
  pod.origin = r.present() ? r.origin() : parent.origin();
  r.read("labels", pod.labels);
  r.read("annotations", pod.annotations);
  r.read("istio_sidecar", pod.istio_sidecar);
  r.read("spec", pod.spec);
  r.read("container", pod.container);
}

void read_role(const Reader& spec, const char* key, Role& role) {
  Reader r = spec.child(key);
  role.origin = r.present() ? r.origin() : spec.origin();
  r.read("replicas", role.replicas);
  r.read("image", role.image);
  r.read("command", role.command);
  read_resources(r.child("requests"), role.requests);
  read_resources(r.child("limits"), role.limits);
  read_pod(r, role.pod);
  r.read_enum("restart_policy", role.restart_policy,
              {{"ALWAYS", RestartPolicy::Always},
               {"FAILURE", RestartPolicy::OnFailure},
               {"NEVER", RestartPolicy::Never}});
}

void read_build(const Reader& spec, BuildSpec& b) {
  Reader r = spec.child("build");
  b.origin = r.present() ? r.origin() : spec.origin();
  r.read("dockerfile", b.dockerfile);
  r.read("base_image", b.base_image);
  r.read("python", b.python);
  Reader fw = r.child("framework");
  fw.read("name", b.framework);
  fw.read("version", b.framework_version);
  r.read("horovod", b.horovod);
  r.read("pip", b.pip);
  r.read("apt", b.apt);
  if (const Node* copy = r.node("copy"); copy && copy->is_seq())
    for (size_t i = 0; i < copy->items.size(); ++i) {
      const Node& item = copy->items[i];
      const Node* src = item.get("src");
      const Node* dest = item.get("dest");
      if (src && dest)
        b.copy.push_back({src->text, dest->text,
                          {item.loc, r.at("copy") + "[" + std::to_string(i) + "]"}});
    }
  r.read("gpu", b.gpu);
}

}  // namespace

JobSpec build_spec(const Node& doc, const std::string& source) {
  JobSpec job;
  job.source = source;
  job.origin = {doc.loc, ""};
  Reader top(&doc, "", doc.loc);
  if (const Node* kind = doc.get("kind"))
    job.kind = kind->text == "HorovodJob" ? JobKind::HorovodJob : JobKind::MPIJob;

  Reader meta = top.child("metadata");
  meta.read("name", job.name);
  meta.read("namespace", job.namespace_);
  meta.read("labels", job.labels);
  meta.read("annotations", job.annotations);

  Reader spec = top.child("spec");
  job.spec_origin = spec.origin();
  spec.read("image", job.image);
  spec.read("command", job.command);
  spec.read("mpirun_args", job.mpirun_args);
  spec.read("slots", job.slots);
  spec.read("target", job.target);
  spec.read_enum("mpi_implementation", job.mpi_implementation,
                 {{"OpenMPI", MpiImplementation::OpenMPI},
                  {"Intel", MpiImplementation::Intel},
                  {"MPICH", MpiImplementation::MPICH}});
  spec.read("ssh_auth_mount_path", job.ssh_auth_mount_path);
  spec.read("launcher_creation_policy", job.launcher_creation_policy);
  spec.read("run_launcher_as_worker", job.run_launcher_as_worker);
  Reader ref = spec.child("runtime_ref");
  job.runtime_ref.present = ref.present();
  job.runtime_ref.origin = ref.origin();
  ref.read("name", job.runtime_ref.name);
  ref.read("kind", job.runtime_ref.kind);
  read_pod(spec, job.pod);
  read_role(spec, "launcher", job.launcher);
  read_role(spec, "worker", job.worker);

  Reader rp = spec.child("run_policy");
  rp.read_enum("clean_pod_policy", job.run_policy.clean_pod_policy,
               {{"NONE", CleanPodPolicy::None},
                {"RUNNING", CleanPodPolicy::Running},
                {"ALL", CleanPodPolicy::All}});
  rp.read("ttl_seconds_after_finished", job.run_policy.ttl_seconds_after_finished);
  rp.read("active_deadline_seconds", job.run_policy.active_deadline_seconds);
  rp.read("backoff_limit", job.run_policy.backoff_limit);
  rp.read("suspend", job.run_policy.suspend);
  rp.read("managed_by", job.run_policy.managed_by);
  Reader sched = rp.child("scheduling");
  SchedulingPolicy& sp = job.run_policy.scheduling;
  sp.present = sched.present();
  sp.origin = sched.origin();
  sched.read("min_available", sp.min_available);
  sched.read("queue", sp.queue);
  read_resources(sched.child("min_resources"), sp.min_resources);
  sched.read("priority_class", sp.priority_class);
  sched.read("schedule_timeout_seconds", sp.schedule_timeout_seconds);

  spec.read("env", job.env);
  read_build(spec, job.build);

  spec.read("verbose", job.horovod.verbose);
  spec.read("log_level", job.horovod.log_level);
  spec.read("discovery_script_path", job.horovod.discovery_script_path);
  spec.read("elastic_timeout", job.horovod.elastic_timeout);
  spec.read("min_replicas", job.horovod.min_replicas);
  spec.read("max_replicas", job.horovod.max_replicas);
  spec.read("network_interface", job.horovod.network_interface);

  spec.read("num_workers", job.num_workers);
  spec.read("num_launcher_replicas", job.num_launcher_replicas);
  return job;
}

}  // namespace mpijobc
