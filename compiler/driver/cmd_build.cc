// `mpijobc build`: compile specs and write every job's files, all or nothing.
#include <iostream>
#include <memory>

#include "driver/command.h"
#include "driver/compile.h"
#include "output/writer.h"

namespace mpijobc {
namespace {

struct BuildArgs {
  std::vector<std::string> inputs;
  std::string out_dir = "deploy";
  std::string templates_dir;
  bool to_stdout = false;
  bool werror = false;
  bool quiet = false;
  DiagnosticFormat format = DiagnosticFormat::Text;
};

int run_build(const BuildArgs& args) {
  if (args.to_stdout && args.format != DiagnosticFormat::Text) {
    std::cerr << "mpijobc build: --stdout and --format json|sarif both write to stdout; choose one\n";
    return kExitUsage;
  }
  SourceManager sources;
  DiagnosticEngine diags;
  Compiler compiler(sources, diags, {args.templates_dir});
  for (const std::string& input : args.inputs) compiler.compile_file(input);
  bool failed = diags.has_errors() || (args.werror && diags.warning_count() > 0);
  if (!failed && compiler.jobs().empty())
    diags.error({}, {}, "no job specs found in the input", "a job spec starts with 'apiVersion: mpijobc/v1'",
                "input/empty");
  failed = failed || diags.has_errors();
  if (failed) {
    emit_diagnostics(args.format, sources, diags.all());
    if (args.werror && !diags.has_errors())
      std::cerr << "mpijobc: error: warnings treated as errors (--werror); nothing written\n";
    else
      std::cerr << "mpijobc: " << diags.error_count() << " error(s); nothing written\n";
    return kExitFindings;
  }
  if (args.to_stdout) {
    emit_diagnostics(args.format, sources, diags.all());
    for (const CompiledJob& job : compiler.jobs()) std::cout << job.manifests;
    return kExitOk;
  }
  std::vector<OutputFile> files;
  for (const CompiledJob& job : compiler.jobs())
    files.insert(files.end(), job.files.begin(), job.files.end());
  WriteResult result = write_all(args.out_dir, files, diags);
  emit_diagnostics(args.format, sources, diags.all());  // warnings, and any write error
  if (!result.ok) {
    std::cerr << "mpijobc: nothing written\n";
    return kExitFindings;
  }
  // Machine formats keep stdout for the findings.
  if (!args.quiet && args.format == DiagnosticFormat::Text) {
    std::cout << "wrote";
    for (size_t i = 0; i < result.written.size(); ++i)
      std::cout << (i ? ", " : " ") << result.written[i];
    if (result.written.empty()) std::cout << " nothing";
    if (!result.unchanged.empty())
      std::cout << " (" << result.unchanged.size() << " file(s) unchanged)";
    std::cout << '\n';
  }
  return kExitOk;
}

}  // namespace

Command add_build_command(CLI::App& app) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* cmd = app.add_subcommand(
      "build", "Compile job specs into <out>/<job>/{mpijob.yaml,launcher.sh,Dockerfile,kustomization.yaml}");
  cmd->add_option("specs", args->inputs, "Job spec files (YAML; several jobs per file allowed)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-o,--output", args->out_dir, "Output directory (one sub-directory per job)")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_flag("--stdout", args->to_stdout,
                "Print the Kubernetes manifests as one YAML stream instead of writing files");
  cmd->add_option("--templates", args->templates_dir,
                  "Directory with your own launcher.sh.mustache / Dockerfile.mustache")
      ->type_name("DIR")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--werror", args->werror, "Treat warnings as errors");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not list the files written");
  add_format_option(cmd, args->format);
  cmd->footer(
      "Outputs are all or nothing: if any document has an error, nothing is written.\n"
      "Example: mpijobc build samples/horovod-mnist.yaml -o deploy && kubectl apply -k deploy/mnist");
  return {cmd, [args] { return run_build(*args); }};
}

}  // namespace mpijobc
