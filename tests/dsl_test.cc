// The DSL end to end: the .mpijob twins of the samples build what their YAML
// twins build, convert round-trips, fmt keeps files canonical, and every
// command that reads specs reads *.mpijob.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

namespace {

std::string cli(const std::string& args) { return quote(mpijobc()) + " " + args; }

std::string twin(const std::string& yaml) { return yaml.substr(0, yaml.size() - 5) + ".mpijob"; }

}  // namespace

TEST_CASE("dsl: every sample's .mpijob twin builds byte-identical files") {
  for (const std::string& yaml : samples()) {
    TempDir a, b;
    REQUIRE(exists(source_dir() + "/" + twin(yaml)));
    CHECK(build_outputs(yaml, a) == build_outputs(twin(yaml), b));
  }
}

TEST_CASE("convert: YAML -> DSL -> YAML keeps the job, and converting again changes nothing") {
  for (const std::string& yaml : samples()) {
    TempDir dir;
    Result to_dsl = run(cli("convert " + yaml + " --to dsl"));
    INFO(yaml << "\n" << to_dsl.err);
    REQUIRE(to_dsl.status == 0);
    write_file(dir / "job.mpijob", to_dsl.out);
    Result to_yaml = run(cli("convert " + quote(dir / "job.mpijob") + " --to yaml"));
    REQUIRE(to_yaml.status == 0);
    write_file(dir / "job.yaml", to_yaml.out);
    CHECK(run(cli("convert " + quote(dir / "job.yaml") + " --to dsl")).out == to_dsl.out);
    CHECK(run(cli("fmt --check " + quote(dir / "job.mpijob"))).status == 0);

    TempDir a, b, c;
    auto original = build_outputs(yaml, a);
    std::string via_dsl = dir / "job.mpijob", via_yaml = dir / "job.yaml";
    auto from_dsl = build_outputs(via_dsl, b), from_yaml = build_outputs(via_yaml, c);
    CHECK(from_dsl == original);
    CHECK(from_yaml == original);
  }
}

TEST_CASE("convert: only job specs that pass the schema convert, usage errors exit 2") {
  TempDir dir;
  write_file(dir / "m.yaml", "apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: x}\n");
  Result manifest = run(cli("convert " + quote(dir / "m.yaml") + " --to dsl"));
  CHECK(manifest.status == 1);
  CHECK(manifest.out.empty());
  CHECK(manifest.err.find("m.yaml:1:1: error: not a job spec: only documents with apiVersion "
                          "mpijobc/v1 convert [convert/not-a-spec]") != std::string::npos);
  Result schema = run(cli("convert tests/bad/unknown-fields.yaml --to dsl"));
  CHECK(schema.status == 1);
  CHECK(schema.err.find("7:3: error: spec.slotz: unknown field 'slotz'") != std::string::npos);
  CHECK(run(cli("convert samples/mpi-pi.yaml --to xml")).status == 2);
  CHECK(run(cli("convert samples/mpi-pi.yaml")).status == 2);
}

TEST_CASE("fmt: --check lists unformatted files, --stdout prints, fmt rewrites keeping comments") {
  CHECK(run(cli("fmt --check samples")).status == 0);

  TempDir dir;
  std::string messy = "# pi\nMPIJob pi{image \"a/b\"   # the image\nworker{replicas 2}}\n";
  std::string canonical = "# pi\nMPIJob pi {\n  image \"a/b\"  # the image\n  worker { replicas 2 }\n}\n";
  write_file(dir / "jobs/pi.mpijob", messy);
  write_file(dir / "jobs/ok.mpijob", canonical);
  write_file(dir / "jobs/other.yaml", "not: [formatted\n");

  Result check = run(cli("fmt --check " + quote(dir / "jobs")));
  CHECK(check.status == 1);
  CHECK(check.out == dir / "jobs/pi.mpijob\n");
  CHECK(read_file(dir / "jobs/pi.mpijob") == messy);

  Result printed = run(cli("fmt --stdout " + quote(dir / "jobs/pi.mpijob")));
  CHECK(printed.status == 0);
  CHECK(printed.out == canonical);
  CHECK(read_file(dir / "jobs/pi.mpijob") == messy);

  Result rewrite = run(cli("fmt " + quote(dir / "jobs")));
  CHECK(rewrite.status == 0);
  CHECK(rewrite.err == "formatted " + dir / "jobs/pi.mpijob\n");
  CHECK(read_file(dir / "jobs/pi.mpijob") == canonical);
  CHECK(run(cli("fmt --check " + quote(dir / "jobs"))).status == 0);
}

TEST_CASE("fmt: a syntax error is reported, and no file is written") {
  TempDir dir;
  write_file(dir / "a.mpijob", "MPIJob a{image \"a/b\"}\n");
  write_file(dir / "b.mpijob", "MPIJob b {\n  worker { replicas }\n}\n");
  Result r = run(cli("fmt " + quote(dir / "a.mpijob") + " " + quote(dir / "b.mpijob")));
  CHECK(r.status == 1);
  CHECK(r.err.find("b.mpijob:2:21: error: expected a value for 'replicas', found '}' [dsl/syntax]") !=
        std::string::npos);
  CHECK(read_file(dir / "a.mpijob") == "MPIJob a{image \"a/b\"}\n");
  Result yaml = run(cli("fmt samples/mpi-pi.yaml"));
  CHECK(yaml.status == 1);
  CHECK(yaml.err.find("samples/mpi-pi.yaml is not a DSL file (*.mpijob)") != std::string::npos);
  CHECK(run(cli("fmt --check --stdout samples/mpi-pi.mpijob")).status == 2);
}

TEST_CASE("dsl: build over a directory, validate and run --local read *.mpijob") {
  TempDir dir;
  write_file(dir / "jobs/pi.mpijob", read_file(source_dir() + "/samples/mpi-pi.mpijob"));
  Result b = run("cd " + quote(dir.path()) + " && " + cli("build jobs -o deploy -q"));
  INFO(b.err);
  CHECK(b.status == 0);
  CHECK(exists(dir / "deploy/pi/mpijob.yaml"));
  // Outside a git repository, the header names the spec from the output directory.
  CHECK(read_file(dir / "deploy/pi/mpijob.yaml").find("from ../jobs/pi.mpijob;") != std::string::npos);

  Result v = run(cli("validate -v samples/two-jobs.mpijob"));
  CHECK(v.status == 0);
  CHECK(v.err == "mpijobc: 1 file, 0 MPIJobs, 2 specs checked; 0 errors, 0 warnings\n");

  if (!have_tool("mpirun") || run("/usr/bin/python3 -c 'import mpi4py'").status != 0)
    skip("mpirun or mpi4py is not installed (openmpi-bin, python3-mpi4py)");
  Result r = run(cli("run --local samples/hello-mpi.mpijob"));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("[rank 1] hello from rank 1 of 2") != std::string::npos);
}

TEST_CASE("dsl: runtime_ref is written like any other block, and builds the same TrainJob") {
  TempDir dir;
  write_file(dir / "ds.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: ds}\nspec:\n"
             "  target: trainer.kubeflow.org/v1alpha1\n"
             "  runtime_ref: {name: deepspeed-distributed, kind: ClusterTrainingRuntime}\n"
             "  image: a/b\n  command: [python3, train.py]\n  worker: {replicas: 2}\n");
  Result dsl = run(cli("convert " + quote(dir / "ds.yaml") + " --to dsl"));
  REQUIRE(dsl.status == 0);
  CHECK(dsl.out.find("  runtime_ref { name deepspeed-distributed, kind ClusterTrainingRuntime }\n") !=
        std::string::npos);
  write_file(dir / "ds.mpijob", dsl.out);
  TempDir a, b;
  CHECK(build_outputs(dir / "ds.yaml", a) == build_outputs(dir / "ds.mpijob", b));
}
