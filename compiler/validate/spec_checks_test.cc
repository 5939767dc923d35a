#include "validate/spec_checks.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

TEST_CASE("Kubernetes name syntax") {
  CHECK(is_dns1123_label("a"));
  CHECK(is_dns1123_label("1-foo"));
  CHECK(is_dns1123_label(std::string(63, 'a')));
  CHECK_FALSE(is_dns1123_label(std::string(64, 'a')));
  CHECK_FALSE(is_dns1123_label("a.b"));
  CHECK_FALSE(is_dns1123_label("-a"));
  CHECK_FALSE(is_dns1123_label("A"));
  CHECK(is_dns1035_label("foo-worker-0"));
  CHECK_FALSE(is_dns1035_label("1-foo-worker-0"));
  CHECK(is_dns1123_subdomain("example.com"));
  CHECK_FALSE(is_dns1123_subdomain("example..com"));
  CHECK(qualified_name_error("app.kubernetes.io/name").empty());
  CHECK(qualified_name_error("team").empty());
  CHECK_FALSE(qualified_name_error("Example.com/x").empty());
  CHECK_FALSE(qualified_name_error("a b").empty());
  CHECK_FALSE(qualified_name_error("x/").empty());
}

TEST_CASE("spec rules: metadata, env names, GPU request vs limit") {
  DiagnosticEngine diags;
  testing::lower("apiVersion: mpijobc/v1\nkind: MPIJob\n"
                 "metadata: {name: j, labels: {ok: fine, x: \"has space\"}}\n"
                 "spec:\n  image: a/b\n  command: [c]\n"
                 "  worker: {replicas: 1, requests: {gpu: 1}, limits: {gpu: 1}}\n"
                 "  launcher: {requests: {gpu: 1}, limits: {gpu: 2}}\n  env: {GOOD_1: a, 9BAD: b}\n",
                 diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "3:43: metadata.labels.x: invalid label value 'has space': at most 63 letters, digits, "
            "'-', '_' or '.', starting and ending with a letter or digit [spec/metadata-value]",
            "9:20: spec.env.9BAD: invalid environment variable name '9BAD' [spec/env-name]",
            "8:30: spec.launcher.requests.gpu: GPU request 1 differs from the limit 2 (line 8); "
            "Kubernetes requires them to be equal [spec/gpu-request-limit]"});
}

TEST_CASE("spec rules: elastic Horovod's range holds worker.replicas") {
  DiagnosticEngine diags;
  testing::lower(testing::spec("HorovodJob", "  worker: {replicas: 2}\n  min_replicas: 3\n  max_replicas: 1\n"),
                 diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "8:17: spec.min_replicas: min_replicas 3 is above worker.replicas 2: the job starts "
            "with worker.replicas workers [spec/elastic-range]",
            "9:17: spec.max_replicas: max_replicas 1 is below worker.replicas 2: the job starts "
            "with worker.replicas workers [spec/elastic-range]"});
  DiagnosticEngine fine;
  JobSpec job = testing::lower(testing::spec("HorovodJob", "  worker: {replicas: 2}\n  max_replicas: 4\n"), fine);
  CHECK_FALSE(fine.has_errors());
  CHECK(*job.horovod.min_replicas == 2);
  CHECK(*job.horovod.max_replicas == 4);
}

TEST_CASE("spec rules: requests above limits are errors, compared as quantities") {
  DiagnosticEngine diags;
  testing::lower(testing::spec("MPIJob", "  worker:\n    replicas: 1\n"
                                         "    requests: {cpu: 1500m, mem: 1Gi, ephemeral_storage: 1G}\n"
                                         "    limits: {cpu: 1, mem: 1G, ephemeral_storage: 1Gi}\n"),
                 diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "9:21: spec.worker.requests.cpu: cpu request 1500m is above the limit 1 (line 10); "
            "Kubernetes rejects the pod [spec/requests-above-limits]",
            "9:33: spec.worker.requests.mem: mem request 1Gi is above the limit 1G (line 10); "
            "Kubernetes rejects the pod [spec/requests-above-limits]"});
}

TEST_CASE("spec rules: launcher.command starts with a program, not an option") {
  DiagnosticEngine diags;
  testing::lower(testing::spec("MPIJob", "  worker: {replicas: 1}\n  launcher: {command: [-x, FOO, mpirun]}\n"),
                 diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "8:24: spec.launcher.command[0]: launcher.command starts with the option '-x', not a "
            "program: the launcher would run exec -x, which sh does not take [spec/launcher-command]"});
  testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 1}\n  launcher: {command: [mpirun, -x, FOO]}\n"));
}

TEST_CASE("spec rules: command is the program, not mpirun or horovodrun") {
  auto finding = [](const std::string& kind, const std::string& command) {
    DiagnosticEngine diags;
    testing::lower("apiVersion: mpijobc/v1\nkind: " + kind + "\nmetadata: {name: job}\nspec:\n"
                   "  image: a/b\n  worker: {replicas: 2}\n  command: " + command + "\n",
                   diags);
    std::vector<std::string> out = testing::messages(diags);
    for (size_t i = 0; i < out.size(); ++i) out[i] += " -- " + diags.all()[i].hint;
    return out;
  };
  CHECK(finding("MPIJob", "[mpirun, -np, 4, python, a.py]") ==
        std::vector<std::string>{
            "7:13: spec.command[0]: command starts with 'mpirun', but the launcher runs mpirun "
            "itself: it would run mpirun ... mpirun ..., a launcher in every rank "
            "[spec/command-launcher] -- make command the program alone, [python, a.py]; the "
            "ranks are worker.replicas x slots"});
  // Options other than the rank count and the hosts move to mpirun_args.
  CHECK_THAT(finding("MPIJob", "[/usr/bin/mpirun.openmpi, --allow-run-as-root, -n, 4, -x, FOO, "
                               "-mca, btl, \"^openib\", --oversubscribe, python, \"a b\"]")
                 .at(0),
             Catch::EndsWith("-- make command the program alone, [python, \"a b\"]; the ranks are "
                       "worker.replicas x slots, and the other options go in mpirun_args: "
                       "[-x, FOO, -mca, btl, \"^openib\", --oversubscribe]"));
  CHECK_THAT(finding("HorovodJob", "[horovodrun, -np, 4, --verbose, python, a.py]").at(0),
             Catch::EndsWith("[python, a.py]; the ranks are worker.replicas x slots, and horovodrun's other options are "
      "spec fields (docs/spec.md)"));
  CHECK(finding("MPIJob", "[mpiexec]").at(0).find("alone, [python, train.py]") !=
        std::string::npos);
  // Programs that merely start with the letters pass, as does mpirun in launcher.command.
  CHECK(finding("MPIJob", "[mpirunner, x]").empty());
  CHECK(finding("MPIJob", "[mpirun, x]\n  launcher: {command: [mpirun, x]}").empty());
}

TEST_CASE("spec rules: a quantity written as a number must read as a quantity as written") {
  DiagnosticEngine diags;
  testing::lower(testing::spec("MPIJob", "  worker:\n    replicas: 1\n"
                                         "    requests: {cpu: 0x1F, mem: .inf, gpu: 0o2}\n"
                                         "    limits: {cpu: +3, mem: 1e3, gpu: 0o2}\n"
                                         "  run_policy: {scheduling: {min_resources: {cpu: -0}}}\n"),
                 diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "9:21: spec.worker.requests.cpu: '0x1F' is not a Kubernetes quantity [spec/quantity]",
            "9:32: spec.worker.requests.mem: '.inf' is not a Kubernetes quantity [spec/quantity]",
            "9:43: spec.worker.requests.gpu: '0o2' is not a Kubernetes quantity [spec/quantity]",
            "10:38: spec.worker.limits.gpu: '0o2' is not a Kubernetes quantity [spec/quantity]",
            "11:50: spec.run_policy.scheduling.min_resources.cpu: '-0' is not a Kubernetes "
            "quantity [spec/quantity]"});
}
