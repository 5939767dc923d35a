// `mpijobc import FILE... [--to yaml|dsl] [-o DIR]`: turns Kubernetes MPIJobs
// into job specs (frontend/import_mpijob.h). Each imported spec is compiled
// in memory before anything is printed or written: a spec that does not
// compile is an error, and then nothing is written.
#include <filesystem>
#include <iostream>
#include <memory>

#include "driver/command.h"
#include "driver/compile.h"
#include "frontend/documents.h"
#include "frontend/import_mpijob.h"
#include "frontend/launcher_command.h"
#include "output/writer.h"
#include "render/launcher.h"

namespace mpijobc {
namespace {

struct ImportArgs {
  std::vector<std::string> inputs;
  std::string to = "yaml";
  std::string out_dir;
  bool verbose = false;
  DiagnosticFormat format = DiagnosticFormat::Text;
};

// Writes DIR/<name>.yaml (or .mpijob) for each spec, all or nothing; a file
// already there is an error (import never overwrites a spec).
bool write_specs(const ImportArgs& args, const std::vector<Node>& specs, DiagnosticEngine& diags) {
  StagedWrite writer(args.out_dir, StagedWrite::Replace::any, diags);
  for (const Node& spec : specs) {
    const Node* name = spec.get("metadata")->get("name");
    std::string file = name->text + (args.to == "yaml" ? ".yaml" : ".mpijob");
    if (std::filesystem::exists(std::filesystem::path(args.out_dir) / file)) {
      diags.error(name->loc, "metadata.name", args.out_dir + "/" + file + " exists: not overwritten",
                  "remove it, or import into another directory", "import/exists");
      continue;
    }
    if (writer.stage({file, print_specs({spec}, args.to), false}) != StagedWrite::Staged::ok)
      return false;
  }
  return !diags.has_errors() && writer.commit();
}

// The spec with its launcher command taken apart into spec.command and the
// fields mpijobc generates it from (frontend/launcher_command.h), when
// building that spec execs the very argv the command did; else `spec` as it
// is, the command verbatim. -v says which.
Node decomposed(const Node& spec, const std::string& input, const Compiler& compiler,
                bool verbose, DiagnosticEngine& diags) {
  const Node* launcher = spec.get("spec")->get("launcher");
  const Node* command = launcher ? launcher->get("command") : nullptr;
  if (!command) return spec;
  FileResult verbatim;
  compiler.compile_document(spec, input, verbatim);
  if (verbatim.diags.has_errors() || verbatim.jobs.size() != 1) return spec;
  const JobSpec& job = verbatim.jobs[0].spec;
  std::optional<std::vector<std::string>> argv = launcher_program(*job.launcher.command);
  std::optional<LauncherDecomposition> parts = argv ? decompose_launcher(*argv, job) : std::nullopt;
  if (parts) {
    Node candidate = with_decomposition(spec, *parts);
    FileResult built;
    compiler.compile_document(candidate, input, built);
    if (!built.diags.has_errors() && built.jobs.size() == 1 &&
        launcher_argv(built.jobs[0].spec) == *argv) {
      if (verbose)
        diags.report({Severity::Note, command->loc, {},
                      "the launcher command is mpijobc's own line: imported as spec.command and "
                      "the fields it is built from", {}, {}});
      return candidate;
    }
  }
  if (verbose && argv && !argv->empty() &&
      ((*argv)[0] == "mpirun" || (*argv)[0] == "horovodrun"))
    diags.report({Severity::Note, command->loc, {},
                  "kept verbatim as launcher.command: no spec builds this " + (*argv)[0] +
                      " line (docs/import.md)", {}, {}});
  return spec;
}

int run_import(const ImportArgs& args) {
  SourceManager sources;
  DiagnosticEngine diags;
  Compiler compiler(sources, diags, {});
  std::vector<Node> specs;
  for (const std::string& input : args.inputs) {
    uint32_t file = load_file(sources, input, diags);
    if (!file) continue;
    size_t index = 0;
    for (const Node& doc : read_documents(sources, file, diags)) {
      ++index;
      if (!is_mpijob(doc)) {
        if (args.verbose)
          diags.report({Severity::Note, doc.loc, {},
                        "document " + std::to_string(index) + " skipped: not an MPIJob", {}, {}});
        continue;
      }
      std::optional<Node> spec = import_mpijob(doc, diags);
      if (!spec) continue;
      spec = decomposed(*spec, input, compiler, args.verbose, diags);
      FileResult result;
      compiler.compile_document(*spec, input, result);
      for (const Diagnostic& d : result.diags.all()) diags.report(d);
      specs.push_back(std::move(*spec));
    }
  }
  if (specs.empty() && !diags.has_errors())
    diags.error({}, {}, "no MPIJobs found", "import reads MPIJobs of kubeflow.org/v2beta1, "
                "kubeflow.org/v1, batch.test.bdap.com/v1, v1alpha1 and v1alpha2", "import/no-mpijobs");
  bool ok = !diags.has_errors();
  if (ok && !args.out_dir.empty()) ok = write_specs(args, specs, diags);
  else if (ok)
    std::cout << print_specs(specs, args.to);
  emit_diagnostics(args.format, sources, diags.all());
  if (!ok) {
    std::cerr << "mpijobc: " << diags.error_count() << " error(s); nothing imported\n";
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

Command add_import_command(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Turn Kubernetes MPIJobs into job specs (YAML, or the DSL with --to dsl)");
  auto add_options = [cmd, args] {
    cmd->add_option("files", args->inputs, "Kubernetes manifests holding MPIJobs")
        ->required()
        ->type_name("FILE");
    one_of(cmd->add_option("--to", args->to, "The syntax to write (default yaml)"),
           {"yaml", "dsl"});
    cmd->add_option("-o,--out", args->out_dir,
                    "Write DIR/<name>.yaml (or .mpijob) per job, all or nothing, instead of stdout")
        ->type_name("DIR");
    cmd->add_flag("-v,--verbose", args->verbose,
                  "Say which documents were skipped and which launcher commands were taken apart");
    add_format_option(cmd, args->format);
    cmd->footer(
        "Reads MPIJobs of kubeflow.org/v2beta1, kubeflow.org/v1 and batch.test.bdap.com/v1;\n"
        "other documents are skipped. Each spec builds the MPIJob again for the same target\n"
        "(docs/import.md). A launcher running mpijobc's own mpirun/horovodrun line (also\n"
        "through sh -c) becomes spec.command and spec fields when building them gives the\n"
        "same argv; any other launcher command is kept verbatim. -o never overwrites a file.\n"
        "The legacy kubeflow.org/v1alpha1 and v1alpha2 MPIJobs are migrated: their spec builds\n"
        "the kubeflow.org/v2beta1 MPIJob that runs what the old operator ran, each lowering a\n"
        "warning. YAML comments are not carried over.\n"
        "Example: mpijobc import pi.yaml > pi-spec.yaml\n"
        "Example (migration): mpijobc import old.yaml > job.yaml && mpijobc build job.yaml");
  };
  return {cmd, add_options, [args] { return run_import(*args); }};
}

}  // namespace mpijobc
