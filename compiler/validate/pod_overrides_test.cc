#include "validate/pod_overrides.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::vector<std::string> check(const std::string& extra) {
  JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 1}\n" + extra));
  DiagnosticEngine diags;
  check_pod_overrides(job, diags);
  return testing::messages(diags);
}

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("pod overrides: PodSpec and Container fragments that Kubernetes accepts") {
  CHECK(check("  pod:\n    spec:\n      nodeSelector: {pool: gpu}\n"
              "      tolerations: [{key: a, operator: Exists, tolerationSeconds: 30}]\n"
              "      securityContext: {runAsUser: 1000}\n      imagePullSecrets: [{name: reg}]\n"
              "      affinity: {nodeAffinity: {}}\n      priorityClassName: high\n"
              "      volumes: [{name: data, emptyDir: {}}]\n"
              "    container:\n      volumeMounts: [{name: data, mountPath: /data}]\n"
              "      env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n"
              "      envFrom: [{configMapRef: {name: c}}]\n      workingDir: /w\n")
            .empty());
}

TEST_CASE("pod overrides: every mistake located in the spec, with the PodSpec's own rules") {
  CHECK(check("  pod:\n    spec:\n      nodeSelecter: {pool: gpu}\n"
              "      tolerations: [{key: a, tolerationSeconds: soon}]\n") ==
        Messages{"10:7: spec.pod.spec.nodeSelecter: unknown field 'nodeSelecter' [pod/unknown-field]",
                 "11:49: spec.pod.spec.tolerations[0].tolerationSeconds: expected integer, got "
                 "'soon' [pod/type]"});
  // A field a volume source does not have: the schema is closed all the way down.
  CHECK(check("  launcher:\n    pod: {spec: {volumes: [{name: d, emptyDir: {size: 1}}]}}\n") ==
        Messages{"9:49: spec.launcher.pod.spec.volumes[0].emptyDir.size: unknown field 'size' "
                 "[pod/unknown-field]"});
}

TEST_CASE("pod overrides: generated and operator-owned fields say where to set them") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 1}\n  launcher:\n    pod:\n      spec: {containers: [], "
                "restartPolicy: Always, hostname: h}\n      container: {image: x, resources: {}}\n"));
  DiagnosticEngine diags;
  check_pod_overrides(job, diags);
  std::vector<std::string> hints;
  for (const Diagnostic& d : diags.all()) hints.push_back(d.path + ": " + d.hint);
  CHECK(hints == std::vector<std::string>{
                     "spec.launcher.pod.spec.containers: the role's container is generated: put "
                     "its fields under pod.container",
                     "spec.launcher.pod.spec.restartPolicy: set restart_policy on the launcher or worker",
                     "spec.launcher.pod.spec.hostname: the operator names every pod",
                     "spec.launcher.pod.container.image: set image (for both roles) or the role's image",
                     "spec.launcher.pod.container.resources: set the role's requests and limits"});
}

TEST_CASE("pod overrides: the generated volume's name and the mounted paths are reserved") {
  CHECK(check("  pod:\n    spec: {volumes: [{name: mpijobc-launcher, emptyDir: {}}]}\n"
              "    container: {volumeMounts: [{name: a, mountPath: /etc/mpi}, {name: b, mountPath: "
              "/home/u/.ssh/}]}\n  ssh_auth_mount_path: /home/u/.ssh\n") ==
        Messages{"9:29: spec.pod.spec.volumes: volume name 'mpijobc-launcher' is the generated "
                 "launcher script's [pod/reserved-name]",
                 "10:53: spec.pod.container.volumeMounts: mount path /etc/mpi is taken: the "
                 "launcher script, the operator's hostfile and the SSH keys are mounted at "
                 "/opt/mpijobc, /etc/mpi and /home/u/.ssh [pod/reserved-path]",
                 "10:85: spec.pod.container.volumeMounts: mount path /home/u/.ssh/ is taken: the "
                 "launcher script, the operator's hostfile and the SSH keys are mounted at "
                 "/opt/mpijobc, /etc/mpi and /home/u/.ssh [pod/reserved-path]"});
}
