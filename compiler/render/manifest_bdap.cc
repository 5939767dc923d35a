#include "render/manifest_bdap.h"

#include "render/pod_parts.h"

namespace mpijobc {
namespace {

constexpr const char* kReadyFile = "/tmp/mpijobc-ready";

// The launcher's command: fix the operator's hostfile (slots=1) and write
// the discovery script elastic Horovod asks, then run launcher.sh. Only the
// slot count (an integer) is spliced in.
std::string launcher_preamble(int64_t slots) {
  std::string n = std::to_string(slots);
  return "set -eu\n"
         "mkdir -p /tmp/mpijobc\n"
         "sed 's/ slots=1$/ slots=" + n + "/' /etc/mpi/hostfile > /tmp/mpijobc/hostfile\n"
         "printf '#!/bin/sh\\nsed \"s/ slots=.*/:" + n +
         "/\" /tmp/mpijobc/hostfile\\n' > /tmp/mpijobc/discover_hosts.sh\n"
         "chmod +x /tmp/mpijobc/discover_hosts.sh\n"
         "MPIJOBC_HOSTFILE=/tmp/mpijobc/hostfile "
         "MPIJOBC_HOST_DISCOVERY_SCRIPT=/tmp/mpijobc/discover_hosts.sh exec /bin/sh " +
         launcher_script_path() + "\n";
}

// A pod template with the role's restart policy when the spec sets one (the
// operator creates plain pods from it).
Node role_template(const JobSpec& job, const Role& role, const char* name, Node container,
                   Node volumes) {
  Node tmpl = pod_template(job, role, std::move(container), std::move(volumes));
  if (role.restart_policy.set())
    tmpl.members.back().value.add("restartPolicy", restart_policy(role, RestartPolicy::Never, name));
  return tmpl;
}

}  // namespace

std::vector<Node> BdapTarget::manifests(const JobSpec& job, const std::string& launcher_script,
                                        DiagnosticEngine& diags) const {
  const RunPolicy& rp = job.run_policy;
  Unsupported unsupported{api_version(), diags};
  const std::string no_run_policy = "that operator has no runPolicy";
  unsupported(rp.ttl_seconds_after_finished.origin, rp.ttl_seconds_after_finished.set(), no_run_policy);
  unsupported(rp.active_deadline_seconds.origin, rp.active_deadline_seconds.set(), no_run_policy);
  unsupported(rp.backoff_limit.origin, rp.backoff_limit.set(), no_run_policy);
  unsupported(rp.scheduling.origin, rp.scheduling.present,
              no_run_policy + " (its gang scheduling is configured outside the MPIJob)");
  unsupported(rp.suspend.origin, rp.suspend.set(), no_run_policy);
  unsupported(rp.managed_by.origin, rp.managed_by.set(), no_run_policy);
  v2beta1_only_fields(job, unsupported);
  if (*job.slots > 1)
    diags.warning(job.slots.origin.loc, job.slots.origin.path,
                  "batch.test.bdap.com/v1 writes slots=1 for every worker in its hostfile; the "
                  "generated launcher rewrites it to slots=" + std::to_string(*job.slots),
                  "nothing to do: this says why the launcher's command differs from other targets",
                  "target/slots-rewritten");

  Node mpijob = mpijob_object(job, api_version());
  Node& spec = mpijob.members.back().value;
  spec.add("numWorkers", num(job.worker.replicas));

  Node command = Node::seq();
  command.push(Node::string("/bin/sh"));
  command.push(Node::string("-c"));
  command.push(Node::string(launcher_preamble(*job.slots)));
  Node launcher = container(job, job.launcher, "launcher", std::move(command));
  Node volumes = Node::seq();
  mount_launcher_script(job, launcher, volumes);
  spec.add("launcherTemplate",
           role_template(job, job.launcher, "launcher", std::move(launcher), std::move(volumes)));

  if (job.worker.command.set())
    diags.warning(job.worker.command.origin.loc, job.worker.command.origin.path,
                  "ignored on batch.test.bdap.com/v1: workers must turn ready and stay alive for "
                  "the launcher to kubectl exec the ranks into them",
                  "remove it; the program runs as the job's command", "target/worker-command");
  Node keep_alive = Node::seq();
  keep_alive.push(Node::string("/bin/sh"));
  keep_alive.push(Node::string("-c"));
  keep_alive.push(Node::string(std::string("touch ") + kReadyFile + " && exec sleep infinity"));
  Node worker = container(job, job.worker, "worker", std::move(keep_alive));
  Node& probe = worker.add("readinessProbe", Node::map());
  Node& exec = probe.add("exec", Node::map()).add("command", Node::seq());
  exec.push(Node::string("cat"));
  exec.push(Node::string(kReadyFile));
  probe.add("periodSeconds", Node::integer(2));
  spec.add("workerTemplate", role_template(job, job.worker, "worker", std::move(worker), Node::seq()));

  return with_launcher_config_map(job, launcher_script, std::move(mpijob));
}

std::vector<KindPath> BdapTarget::pod_template_paths() const {
  return {{"MPIJob", "spec/launcherTemplate"}, {"MPIJob", "spec/workerTemplate"}};
}

}  // namespace mpijobc
