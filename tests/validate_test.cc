// `mpijobc validate`: specs and hand-written MPIJobs, nothing written.
// (Broken manifests with their expected findings: tests/manifests/bad/, run
// by bad_input_test.cc.)
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.h"

using namespace e2e;

TEST_CASE("validate: every sample spec and every generated MPIJob passes") {
  std::string files;
  for (const std::string& s : samples()) files += " " + s;
  Result specs = run(quote(mpijobc()) + " validate -v" + files);
  INFO(specs.err);
  CHECK(specs.status == 0);
  CHECK(specs.err.find(std::to_string(samples().size()) + " files, 0 MPIJobs, " +
                       std::to_string(samples().size() + 1) + " specs checked; 0 errors") !=
        std::string::npos);  // two-jobs.yaml has two

  TempDir out;
  REQUIRE(run(quote(mpijobc()) + " build -q" + files + " -o " + quote(out.path())).status == 0);
  std::string manifests;
  for (const std::string& f : list_files(out.path()))
    if (f.find("/mpijob.yaml") != std::string::npos) manifests += " " + quote(out / f);
  Result generated = run(quote(mpijobc()) + " validate -v" + manifests);
  INFO(generated.err);
  CHECK(generated.status == 0);
  CHECK(generated.err.find("document 1 skipped") != std::string::npos);  // the ConfigMap
}

TEST_CASE("validate: the upstream examples of all three operators pass") {
  // Each directory, and whether its examples are also free of warnings.
  const std::pair<const char*, bool> dirs[] = {{"/mpi-operator/examples/v2beta1", true},
                                               {"/training-operator/examples/mpi", true},
                                               {"/bdap-mpi-operator/config/samples", false}};
  size_t count = 0;
  for (const auto& [dir, clean] : dirs) {
    std::string examples = upstream_dir() + dir;
    if (!exists(examples)) skip("no upstream examples at " + examples);
    for (const auto& e : std::filesystem::recursive_directory_iterator(examples)) {
      if (e.path().extension() != ".yaml") continue;
      ++count;
      Result r = run(quote(mpijobc()) + " validate -q " + quote(e.path().string()));
      INFO(e.path() << "\n" << r.err);
      CHECK(r.status == 0);
      if (clean) CHECK(r.err.empty());
    }
  }
  CHECK(count >= 11);
}

TEST_CASE("validate: Kubeflow Trainer's upstream examples and runtimes pass, each object checked") {
  size_t count = 0;
  for (const char* dir : {"/trainer/examples", "/trainer/runtimes"}) {
    std::string examples = upstream_dir() + dir;
    if (!exists(examples)) skip("no upstream examples at " + examples);
    for (const auto& e : std::filesystem::directory_iterator(examples)) {
      ++count;
      Result r = run(quote(mpijobc()) + " validate -v " + quote(e.path().string()));
      INFO(e.path() << "\n" << r.err);
      CHECK(r.status == 0);
      CHECK(r.err.find(" other object") != std::string::npos);
      CHECK(r.err.find("checked; 0 errors, 0 warnings\n") != std::string::npos);
      CHECK(r.err.find("skipped") == std::string::npos);  // every object is checked
    }
  }
  CHECK(count == 7);
}

TEST_CASE("validate: the built-in CRD schemas are those of ../shared/upstream (else regenerate)") {
  if (!exists(upstream_dir() + "/mpi-operator/SOURCE")) skip("no upstream data at " + upstream_dir());
  TempDir dir;
  Result r = run("python3 " + quote(source_dir() + "/scripts/extract_crd_schemas.py") + " " +
                 quote(upstream_dir()) + " " + quote(dir.path()));
  REQUIRE(r.status == 0);
  std::vector<std::string> extracted = list_files(dir.path());
  CHECK(extracted == list_files(source_dir() + "/schemas/crd"));
  for (const std::string& f : extracted) {
    INFO("schemas/crd/" << f << " differs from upstream: run scripts/extract_crd_schemas.py");
    CHECK(read_file(dir / f) == read_file(source_dir() + "/schemas/crd/" + f));
  }
}

TEST_CASE("validate --crd: upstream examples pass their own operator's CRD") {
  const std::pair<const char*, const char*> pairs[] = {
      {"/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml", "/mpi-operator/examples/v2beta1"},
      {"/training-operator/manifests/base/crds/kubeflow.org_mpijobs.yaml",
       "/training-operator/examples/mpi"},
      {"/bdap-mpi-operator/config/crd/bases/batch.test.bdap.com_mpijobs.yaml",
       "/bdap-mpi-operator/config/samples"}};
  for (const auto& [crd, dir] : pairs) {
    if (!exists(upstream_dir() + crd)) skip("no upstream CRD at " + upstream_dir() + crd);
    for (const std::string& f : list_files(upstream_dir() + dir)) {
      Result r = run(quote(mpijobc()) + " validate -v --crd " + quote(upstream_dir() + crd) + " " +
                     quote(upstream_dir() + dir + "/" + f));
      INFO(f << "\n" << r.err);
      CHECK(r.status == 0);
      CHECK(r.err.find("[crd/") == std::string::npos);
    }
  }
}

TEST_CASE("validate --crd: schema violations are located, with rule ids crd/...") {
  std::string crd = upstream_dir() + "/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml";
  if (!exists(crd)) skip("no upstream CRD at " + crd);
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: kubeflow.org/v2beta1\n"
             "kind: MPIJob\n"
             "metadata: {name: pi}\n"
             "spec:\n"
             "  slotsPerWorkers: 1\n"
             "  sshAuthMountPath: null\n"
             "  runPolicy: {backoffLimit: \"3\"}\n"
             "  mpiReplicaSpecs:\n"
             "    Launcher:\n"
             "      replicas: 1\n"
             "      template: {spec: {containers: [{name: l, image: i, ports: [{containerPort: \"80\"}],\n"
             "        resources: {limits: {cpu: lots}}}]}}\n"
             "---\n"
             "apiVersion: kubeflow.org/v9\n"
             "kind: MPIJob\n"
             "metadata: {name: old}\n"
             "spec: {}\n");
  Result r = run(quote(mpijobc()) + " validate --crd " + quote(crd) + " " + quote(dir / "job.yaml"));
  INFO(r.err);
  CHECK(r.status == 1);
  std::string f = dir / "job.yaml";
  for (const std::string& line : {
           f + ":5:3: error: spec.slotsPerWorkers: unknown field 'slotsPerWorkers' [crd/unknown-field]",
           f + ":5:3: note: did you mean 'slotsPerWorker'?",
           f + ":7:29: error: spec.runPolicy.backoffLimit: expected integer, got '3' [crd/type]",
           f + ":11:82: error: spec.mpiReplicaSpecs.Launcher.template.spec.containers[0].ports[0]."
               "containerPort: expected integer, got '80' [crd/type]",
           f + ":12:35: error: spec.mpiReplicaSpecs.Launcher.template.spec.containers[0].resources."
               "limits.cpu: 'lots' does not have the form this field requires [crd/format]",
           f + ":14:13: warning: apiVersion: not checked against a CRD: the CRDs given have no "
               "MPIJob version 'kubeflow.org/v9' [crd/no-version]"})
    CHECK(r.err.find(line + "\n") != std::string::npos);
  // sshAuthMountPath: null is pruned, as the API server does, so not an error.
  CHECK(r.err.find("sshAuthMountPath") == std::string::npos);

  Result not_crd = run(quote(mpijobc()) + " validate --crd samples/mpi-pi.yaml samples/mpi-pi.yaml");
  CHECK(not_crd.status == 1);
  CHECK(not_crd.err.find("error: no CustomResourceDefinition in samples/mpi-pi.yaml [crd/invalid]") !=
        std::string::npos);
}

TEST_CASE("validate --crd: a CRD pattern that is not a regular expression is a located finding") {
  TempDir dir;
  write_file(dir / "crd.yaml",
             "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
             "spec:\n  group: example.com\n  names: {kind: Thing}\n  versions:\n"
             "  - name: v1\n    schema:\n      openAPIV3Schema:\n        type: object\n"
             "        properties:\n          name: {type: string, pattern: '([a-z'}\n");
  write_file(dir / "thing.yaml", "apiVersion: example.com/v1\nkind: Thing\nname: abc\n");
  Result r = run("cd " + quote(dir.path()) + " && " + quote(mpijobc()) +
                 " validate --crd crd.yaml thing.yaml");
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("thing.yaml:3:7: error: name: the schema's pattern is not a valid regular "
                   "expression: ([a-z [crd/other]") != std::string::npos);
}

TEST_CASE("validate: files without a spec or an MPIJob are skipped unparsed, others checked whole") {
  TempDir dir;
  // What the YAML reader refuses: Go template keys, GitLab's and CloudFormation's tags.
  write_file(dir / "helm.yaml", "metadata:\n  name: {{ .Values.name }}\n");
  write_file(dir / "gitlab.yml", "test:\n  script:\n    - !reference [.setup, script]\n");
  write_file(dir / "stack.yaml",
             "Resources:\n  B:\n    Properties: {Name: !Sub '${AWS::StackName}'}\n");
  // The words, but not as a document's keys.
  write_file(dir / "notes.yaml", "# kind: MPIJob\ntext: an MPIJob of mpijobc/v1 {{\n");
  std::string validate = "cd " + quote(dir.path()) + " && " + quote(mpijobc()) + " validate ";
  Result skipped = run(validate + "-v helm.yaml gitlab.yml stack.yaml notes.yaml " +
                       quote(source_dir() + "/samples/mpi-pi.mpijob"));
  INFO(skipped.err);
  CHECK(skipped.status == 0);
  CHECK(skipped.err == "mpijobc: helm.yaml: skipped: no job spec, MPIJob, ClusterTrainingRuntime, TrainJob or TrainingRuntime in it\n"
                       "mpijobc: gitlab.yml: skipped: no job spec, MPIJob, ClusterTrainingRuntime, TrainJob or TrainingRuntime in it\n"
                       "mpijobc: stack.yaml: skipped: no job spec, MPIJob, ClusterTrainingRuntime, TrainJob or TrainingRuntime in it\n"
                       "mpijobc: notes.yaml: skipped: no job spec, MPIJob, ClusterTrainingRuntime, TrainJob or TrainingRuntime in it\n"
                       "mpijobc: 5 files, 0 MPIJobs, 1 spec checked; 0 errors, 0 warnings\n");

  // A file that holds one is checked whole: its other documents too.
  write_file(dir / "job.yaml", "apiVersion: kubeflow.org/v9\nkind: MPIJob\nmetadata: {name: x}\n"
                               "---\nName: !Sub '${AWS::StackName}'\n");
  Result checked = run(validate + "job.yaml");
  CHECK(checked.status == 1);
  CHECK(checked.err.find("job.yaml:5:7: error: unsupported YAML tag '!Sub' [yaml/syntax]") !=
        std::string::npos);

  // With --crd, the CRD's kind counts too.
  write_file(dir / "crd.yaml",
             "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
             "spec:\n  group: example.com\n  names: {kind: Thing}\n  versions:\n"
             "  - name: v1\n    schema:\n      openAPIV3Schema:\n        type: object\n"
             "        properties:\n          size: {type: integer}\n");
  write_file(dir / "thing.json",
             "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Thing\", \"size\": \"x\"}\n");
  CHECK(run(validate + "-v thing.json").err ==
        "mpijobc: thing.json: skipped: no job spec, MPIJob, ClusterTrainingRuntime, TrainJob or TrainingRuntime in it\n"
        "mpijobc: 1 file, 0 MPIJobs, 0 specs checked; 0 errors, 0 warnings\n");
  Result crd = run(validate + "-v --crd crd.yaml thing.json notes.yaml");
  CHECK(crd.status == 1);
  CHECK(crd.err.find("mpijobc: notes.yaml: skipped: no job spec, MPIJob, ClusterTrainingRuntime, TrainJob, TrainingRuntime or Thing in it\n") == 0);
  CHECK(crd.err.find("thing.json:1:59: error: size: expected integer, got 'x' [crd/type]") !=
        std::string::npos);
}

TEST_CASE("validate: a spec error fails it, nothing is written, other kinds are skipped") {
  TempDir dir;
  write_file(dir / "mixed.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\n"
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\n"
             "spec: {image: a/b, command: [x], worker: {replicas: 0}}\n");
  Result r = run("cd " + quote(dir.path()) + " && " + quote(mpijobc()) + " validate mixed.yaml");
  CHECK(r.status == 1);
  CHECK(r.err.find("mixed.yaml:8:53: error: spec.worker.replicas:") != std::string::npos);
  CHECK(list_files(dir.path()) == std::vector<std::string>{"mixed.yaml"});
}

TEST_CASE("validate: MPIJobs of a dialect without rules are a warning, --werror makes it fail") {
  TempDir dir;
  write_file(dir / "v1.yaml", "apiVersion: example.com/v9\nkind: MPIJob\nmetadata: {name: x}\n");
  Result r = run(quote(mpijobc()) + " validate " + quote(dir / "v1.yaml"));
  CHECK(r.status == 0);
  CHECK(r.err.find("1:13: warning: apiVersion: not checked: mpijobc has no rules for MPIJob "
                   "apiVersion 'example.com/v9' [manifest/unchecked-version]") != std::string::npos);
  Result strict = run(quote(mpijobc()) + " validate --werror " + quote(dir / "v1.yaml"));
  CHECK(strict.status == 1);
  CHECK(strict.err.find("mpijobc: 1 file, 0 MPIJobs, 0 specs checked; 0 errors, 1 warning "
                        "(--werror: warnings fail the check)\n") != std::string::npos);
  CHECK(run(quote(mpijobc()) + " validate /no/such.yaml").status == 1);
  CHECK(run(quote(mpijobc()) + " validate").status == 2);
}

TEST_CASE("schema prints the spec schema that validates the samples") {
  Result r = run(quote(mpijobc()) + " schema");
  REQUIRE(r.status == 0);
  CHECK(r.out == read_file(source_dir() + "/schemas/mpijobc-v1.schema.json"));
}


TEST_CASE("validate DIR: walks directories as build does and sums up what it checked") {
  if (!exists(upstream_dir() + "/mpi-operator/examples/v2beta1/pi/pi.yaml"))
    skip("no upstream examples at " + upstream_dir());
  TempDir dir;
  write_file(dir / "jobs/pi.yaml", read_file(source_dir() + "/samples/mpi-pi.yaml"));
  write_file(dir / "jobs/two.mpijob", read_file(source_dir() + "/samples/two-jobs.mpijob"));
  write_file(dir / "manifests/pi.yml",
             read_file(upstream_dir() + "/mpi-operator/examples/v2beta1/pi/pi.yaml"));
  write_file(dir / "helm/templates/job.yaml", "metadata: {name: {{ .Values.name }}}\n");
  write_file(dir / "notes.txt", "not looked at\n");
  write_file(dir / ".hidden/broken.yaml", "apiVersion: mpijobc/v1\nkind: MPIJob\n");  // not entered
  std::string validate = "cd " + quote(dir.path()) + " && " + quote(mpijobc()) + " validate ";
  Result r = run(validate + ".");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err == "mpijobc: 4 files, 1 MPIJob, 3 specs checked; 0 errors, 0 warnings\n");
  CHECK(run(validate + "-q .").err.empty());

  // An error and a warning, with --werror: the summary says why it fails.
  write_file(dir / "manifests/old.yaml", "apiVersion: kubeflow.org/v9\nkind: MPIJob\nmetadata: {name: o}\n");
  Result werror = run(validate + "--werror manifests");
  CHECK(werror.status == 1);
  CHECK(werror.err.find("mpijobc: 2 files, 1 MPIJob, 0 specs checked; 0 errors, 1 warning "
                        "(--werror: warnings fail the check)\n") != std::string::npos);
  write_file(dir / "jobs/bad.yaml", "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: b}\nspec: {}\n");
  Result bad = run(validate + "jobs");
  CHECK(bad.status == 1);
  CHECK(bad.err.find("mpijobc: 3 files, 0 MPIJobs, 4 specs checked; ") != std::string::npos);
}
