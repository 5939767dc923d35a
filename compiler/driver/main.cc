// mpijobc: compiles MPI / Horovod job specs into Kubeflow MPIJob manifests,
// launcher scripts and Dockerfiles. Exit codes: 0 ok, 1 errors in the input
// (or warnings with --werror), 2 usage.
#include <CLI/CLI.hpp>

#include <iostream>

#include "driver/compile.h"
#include "output/writer.h"

namespace {

constexpr int kOk = 0;
constexpr int kFindings = 1;
constexpr int kUsage = 2;

struct BuildArgs {
  std::vector<std::string> inputs;
  std::string out_dir = "deploy";
  std::string templates_dir;
  bool to_stdout = false;
  bool werror = false;
  bool quiet = false;
};

int run_build(const BuildArgs& args) {
  mpijobc::SourceManager sources;
  mpijobc::DiagnosticEngine diags;
  mpijobc::Compiler compiler(sources, diags, {args.templates_dir});
  for (const std::string& input : args.inputs) compiler.compile_file(input);
  bool failed = diags.has_errors() || (args.werror && diags.warning_count() > 0);
  if (!failed && compiler.jobs().empty())
    diags.error({}, {}, "no job specs found in the input", "a job spec starts with 'apiVersion: mpijobc/v1'",
                "input/empty");
  failed = failed || diags.has_errors();
  mpijobc::print_text(std::cerr, sources, diags.all());
  if (failed) {
    if (args.werror && !diags.has_errors())
      std::cerr << "mpijobc: error: warnings treated as errors (--werror); nothing written\n";
    else
      std::cerr << "mpijobc: " << diags.error_count() << " error(s); nothing written\n";
    return kFindings;
  }
  if (args.to_stdout) {
    for (const mpijobc::CompiledJob& job : compiler.jobs()) std::cout << job.manifests;
    return kOk;
  }
  std::vector<mpijobc::OutputFile> files;
  for (const mpijobc::CompiledJob& job : compiler.jobs())
    files.insert(files.end(), job.files.begin(), job.files.end());
  mpijobc::DiagnosticEngine io;
  mpijobc::WriteResult result = mpijobc::write_all(args.out_dir, files, io);
  mpijobc::print_text(std::cerr, sources, io.all());
  if (!result.ok) {
    std::cerr << "mpijobc: nothing written\n";
    return kFindings;
  }
  if (!args.quiet) {
    std::vector<std::string> all = result.written;
    all.insert(all.end(), result.unchanged.begin(), result.unchanged.end());
    std::cout << "wrote";
    for (size_t i = 0; i < result.written.size(); ++i)
      std::cout << (i ? ", " : " ") << result.written[i];
    if (result.written.empty()) std::cout << " nothing";
    if (!result.unchanged.empty())
      std::cout << " (" << result.unchanged.size() << " file(s) unchanged)";
    std::cout << '\n';
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "mpijobc compiles MPI and Horovod training job specs (YAML, apiVersion mpijobc/v1) into\n"
      "what runs them on Kubernetes: a Kubeflow MPIJob manifest, the launcher script and a\n"
      "Dockerfile. See docs/spec.md for the spec format.",
      "mpijobc"};
  app.set_version_flag("--version", "mpijobc " MPIJOBC_VERSION);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 errors in the input (nothing written), 2 usage.");

  BuildArgs build;
  CLI::App* cmd = app.add_subcommand(
      "build", "Compile job specs into <out>/<job>/{mpijob.yaml,launcher.sh,Dockerfile,kustomization.yaml}");
  cmd->add_option("specs", build.inputs, "Job spec files (YAML; several jobs per file allowed)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-o,--output", build.out_dir, "Output directory (one sub-directory per job)")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_flag("--stdout", build.to_stdout,
                "Print the Kubernetes manifests as one YAML stream instead of writing files");
  cmd->add_option("--templates", build.templates_dir,
                  "Directory with your own launcher.sh.mustache / Dockerfile.mustache")
      ->type_name("DIR")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--werror", build.werror, "Treat warnings as errors");
  cmd->add_flag("-q,--quiet", build.quiet, "Do not list the files written");
  cmd->footer(
      "Outputs are all or nothing: if any document has an error, nothing is written.\n"
      "Example: mpijobc build samples/horovod-mnist.yaml -o deploy && kubectl apply -k deploy/mnist");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (cmd->parsed()) return run_build(build);
  return kOk;
}
