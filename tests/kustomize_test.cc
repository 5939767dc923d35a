// Kustomize overlays over generated job directories, rendered by the real
// `kubectl kustomize`: namePrefix, nameSuffix, namespace and generators
// rename objects, and the MPIJob of every target follows, because
// kustomizeconfig.yaml teaches kustomize the names its pod templates refer
// to. Each test also renders the overlay without that configuration and
// sees the job break, so it tests what the configuration does.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

namespace {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The document of `kind` in a rendered stream (kustomize writes the kind of
// an object at the start of a line, after apiVersion and data).
std::string document(const std::string& stream, const std::string& kind, const std::string& name) {
  size_t begin = 0;
  while (begin < stream.size()) {
    size_t end = stream.find("\n---\n", begin);
    std::string doc = stream.substr(begin, end == std::string::npos ? end : end - begin + 1);
    if (doc.find("\nkind: " + kind + "\n") != std::string::npos &&
        doc.find("\n  name: " + name + "\n") != std::string::npos)
      return doc;
    if (end == std::string::npos) break;
    begin = end + 5;
  }
  FAIL("no " << kind << " " << name << " in\n" << stream);
  return {};
}

// Builds `spec` for `target` into `out`.
void build(const std::string& spec, const std::string& target, const std::string& out) {
  Result r = run(quote(mpijobc()) + " build -q --target " + target + " -o " + quote(out) + " " +
                 quote(spec));
  INFO(r.err);
  REQUIRE(r.status == 0);
}

// `kubectl kustomize DIR`, once as generated and once with the job
// directories' `configurations:` removed.
struct Rendered {
  std::string with, without;
};
Rendered render(const std::string& overlay, const std::vector<std::string>& job_dirs) {
  Result with = run("kubectl kustomize " + quote(overlay));
  INFO(with.err);
  REQUIRE(with.status == 0);
  for (const std::string& job : job_dirs) {
    std::string k = read_file(job + "/kustomization.yaml");
    size_t at = k.find("configurations:\n  - kustomizeconfig.yaml\n");
    REQUIRE(at != std::string::npos);
    write_file(job + "/kustomization.yaml", k.erase(at));
  }
  Result without = run("kubectl kustomize " + quote(overlay));
  INFO(without.err);
  REQUIRE(without.status == 0);
  return {with.out, without.out};
}

const char* const kTargets[] = {"kubeflow.org/v2beta1", "kubeflow.org/v1",
                                "batch.test.bdap.com/v1"};

}  // namespace

TEST_CASE("kustomize: namePrefix, nameSuffix and namespace keep every target's launcher mounted") {
  if (!have_tool("kubectl")) skip("kubectl is not installed on this machine");
  // One job per target (mnist has a namespace of its own), all in one
  // overlay: kustomize merges their configurations.
  const std::pair<const char*, const char*> jobs[] = {{"samples/mpi-pi.yaml", "pi"},
                                                      {"samples/hello-mpi.yaml", "hello"},
                                                      {"samples/horovod-mnist.yaml", "mnist"}};
  TempDir dir;
  std::string resources;
  std::vector<std::string> job_dirs;
  for (size_t i = 0; i < 3; ++i) {
    build(jobs[i].first, kTargets[i], dir / std::to_string(i));
    job_dirs.push_back(dir / (std::to_string(i) + "/" + jobs[i].second));
    resources += "  - ../" + std::to_string(i) + "/" + jobs[i].second + "\n";
  }
  write_file(dir / "overlay/kustomization.yaml", "resources:\n" + resources +
                                                     "namePrefix: prod-\n"
                                                     "nameSuffix: -v2\n"
                                                     "namespace: other\n");
  Rendered r = render(dir / "overlay", job_dirs);

  for (size_t i = 0; i < 3; ++i) {
    std::string job = jobs[i].second;
    INFO(kTargets[i] << "\n" << r.with);
    std::string config_map = "prod-" + job + "-launcher-script-v2";
    std::string mpijob = document(r.with, "MPIJob", "prod-" + job + "-v2");
    CHECK(mpijob.find("apiVersion: " + std::string(kTargets[i]) + "\n") == 0);
    CHECK(count(document(r.with, "ConfigMap", config_map), "\n  namespace: other\n") == 1);
    CHECK(count(mpijob, "\n  namespace: other\n") == 1);
    // The launcher's volume names the renamed ConfigMap, and nothing is left
    // of the old name.
    CHECK(count(mpijob, "name: " + config_map + "\n") == 1);
    CHECK(count(mpijob, job + "-launcher-script") == 1);
    // Without the configuration, the MPIJob mounts a ConfigMap that is not there.
    std::string broken = document(r.without, "MPIJob", "prod-" + job + "-v2");
    CHECK(count(broken, "name: " + job + "-launcher-script\n") == 1);
    CHECK(count(broken, config_map) == 0);
  }
  CHECK(count(r.with, "namespace: ml") == 0);
}

TEST_CASE("kustomize: references from pod overrides follow generated and renamed objects") {
  if (!have_tool("kubectl")) skip("kubectl is not installed on this machine");
  // Every kind of reference kustomize knows in a pod template, in both roles
  // (spec.pod), to objects the overlay makes: generators add a hash suffix.
  const std::string spec =
      "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: refs}\nspec:\n"
      "  image: example.com/img:1\n  command: [python, train.py]\n  worker: {replicas: 1}\n"
      "  pod:\n"
      "    spec:\n"
      "      serviceAccountName: job-runner\n"
      "      priorityClassName: job-priority\n"
      "      imagePullSecrets: [{name: job-creds}]\n"
      "      volumes:\n"
      "        - {name: a, configMap: {name: job-settings}}\n"
      "        - {name: b, secret: {secretName: job-creds}}\n"
      "        - {name: c, persistentVolumeClaim: {claimName: job-data}}\n"
      "        - {name: d, projected: {sources: [{configMap: {name: job-settings}},\n"
      "                                          {secret: {name: job-creds}}]}}\n"
      "      initContainers:\n"
      "        - name: init\n"
      "          image: example.com/img:1\n"
      "          env: [{name: A, valueFrom: {configMapKeyRef: {name: job-settings, key: a}}},\n"
      "                {name: B, valueFrom: {secretKeyRef: {name: job-creds, key: b}}}]\n"
      "          envFrom: [{configMapRef: {name: job-settings}}, {secretRef: {name: job-creds}}]\n"
      "    container:\n"
      "      env: [{name: A, valueFrom: {configMapKeyRef: {name: job-settings, key: a}}},\n"
      "            {name: B, valueFrom: {secretKeyRef: {name: job-creds, key: b}}}]\n"
      "      envFrom: [{configMapRef: {name: job-settings}}, {secretRef: {name: job-creds}}]\n";
  // How often each name is referred to in the MPIJob: twice per place, once per role.
  const std::pair<const char*, size_t> refs[] = {{"job-settings", 2 * 6},
                                                 {"job-creds", 2 * 7},
                                                 {"job-runner", 2},
                                                 {"job-data", 2},
                                                 {"job-priority", 2}};
  for (const char* target : kTargets) {
    INFO(target);
    TempDir dir;
    write_file(dir / "refs.yaml", spec);
    build(dir / "refs.yaml", target, dir.path());
    std::string job = dir / "refs";
    write_file(dir / "overlay/objects.yaml",
               "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: job-runner}\n---\n"
               "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: job-data}\n"
               "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n---\n"
               "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\n"
               "metadata: {name: job-priority}\nvalue: 1000\n");
    write_file(dir / "overlay/kustomization.yaml",
               "resources: [../refs, objects.yaml]\n"
               "namePrefix: prod-\nnameSuffix: -v2\nnamespace: other\n"
               "configMapGenerator: [{name: job-settings, literals: [a=1]}]\n"
               "secretGenerator: [{name: job-creds, literals: [b=2]}]\n");
    Rendered r = render(dir / "overlay", {job});
    std::string mpijob = document(r.with, "MPIJob", "prod-refs-v2");
    std::string broken = document(r.without, "MPIJob", "prod-refs-v2");
    INFO(mpijob);
    for (const auto& [name, times] : refs) {
      INFO(name);
      std::string renamed = "prod-" + std::string(name) + "-v2";
      CHECK(count(mpijob, name) == times);
      CHECK(count(mpijob, renamed) == times);  // every one of them renamed
      CHECK(count(broken, renamed) == 0);
    }
    // The generators' names end in their hash.
    CHECK(count(mpijob, "prod-job-settings-v2-") == 2 * 6);
    CHECK(count(mpijob, "prod-job-creds-v2-") == 2 * 7);
  }
}

TEST_CASE("kustomize: a TrainJob follows its renamed TrainingRuntime, and patches their references") {
  if (!have_tool("kubectl")) skip("kubectl is not installed on this machine");
  TempDir dir;
  const char* trainer = "trainer.kubeflow.org/v1alpha1";
  build("samples/hello-mpi-trainer.yaml", trainer, dir / "own");
  // On an installed runtime, the pod overrides are runtimePatches of the TrainJob.
  write_file(dir / "ref.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: ref}\nspec:\n"
             "  image: example.com/img:1\n  command: [python, train.py]\n  worker: {replicas: 1}\n"
             "  runtime_ref: {name: deepspeed-distributed}\n"
             "  pod:\n    spec:\n      serviceAccountName: job-runner\n"
             "      imagePullSecrets: [{name: job-creds}]\n"
             "      volumes: [{name: a, configMap: {name: job-settings}}]\n");
  build(dir / "ref.yaml", trainer, dir / "ref");
  write_file(dir / "overlay/objects.yaml",
             "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: job-runner}\n");
  write_file(dir / "overlay/kustomization.yaml",
             "resources: [../own/hello-trainer, ../ref/ref, objects.yaml]\n"
             "namePrefix: prod-\nnameSuffix: -v2\nnamespace: other\n"
             "configMapGenerator: [{name: job-settings, literals: [a=1]}]\n"
             "secretGenerator: [{name: job-creds, literals: [b=2]}]\n");
  Rendered r = render(dir / "overlay", {dir / "own/hello-trainer", dir / "ref/ref"});
  INFO(r.with);
  std::string runtime = document(r.with, "TrainingRuntime", "prod-hello-trainer-v2");
  std::string trainjob = document(r.with, "TrainJob", "prod-hello-trainer-v2");
  CHECK(count(trainjob, "    kind: TrainingRuntime\n    name: prod-hello-trainer-v2\n") == 1);
  CHECK(count(runtime, "name: prod-hello-trainer-launcher-script-v2\n") == 1);
  CHECK(count(runtime, "\n  namespace: other\n") == 1);
  std::string patched = document(r.with, "TrainJob", "prod-ref-v2");
  CHECK(count(patched, "name: prod-ref-launcher-script-v2\n") == 1);
  CHECK(count(patched, "prod-job-runner-v2") == 2);   // in both jobs' patches
  CHECK(count(patched, "prod-job-settings-v2-") == 2);
  CHECK(count(patched, "prod-job-creds-v2-") == 2);
  CHECK(count(patched, "name: deepspeed-distributed\n") == 1);  // not in the overlay: as written
  // Without the configuration, the TrainJob names a runtime that is not there.
  CHECK(count(document(r.without, "TrainJob", "prod-hello-trainer-v2"), "name: hello-trainer\n") == 1);
  CHECK(count(document(r.without, "TrainJob", "prod-ref-v2"), "prod-job-runner-v2") == 0);
}
