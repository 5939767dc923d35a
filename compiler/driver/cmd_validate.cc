// `mpijobc validate`: the pre-commit check. Job specs are compiled without
// writing anything; Kubernetes MPIJob manifests are checked against their
// operator's validation rules (validate/manifest_rules.h); other documents
// are skipped, and files that cannot hold either are not even parsed.
#include <algorithm>
#include <iostream>
#include <memory>

#include "driver/command.h"
#include "driver/compile.h"
#include "driver/inputs.h"
#include "frontend/documents.h"
#include "support/parallel.h"
#include "validate/crd_schema.h"
#include "validate/embedded_crds.h"
#include "validate/manifest_check.h"
#include "validate/manifest_rules.h"

namespace mpijobc {
namespace {

struct ValidateArgs {
  std::vector<std::string> inputs;
  std::string stdin_name{kStdinName};
  std::vector<std::string> crds;
  bool werror = false;
  bool quiet = false;
  bool verbose = false;
  unsigned threads = 0;  // 0: one per CPU
  DiagnosticFormat format = DiagnosticFormat::Text;
};

const std::string* scalar(const Node& doc, const char* key) {
  const Node* n = doc.get(key);
  return n && n->is_string() ? &n->text : nullptr;
}

// What a document was checked as.
enum class Checked { Nothing, Spec, MPIJob, Object };

// Safe on several threads at once.
Checked validate_document(const Node& doc, const std::string& path, const Compiler& compiler,
                          const CrdSchemas& crds, FileResult& into) {
  const std::string* api = scalar(doc, "apiVersion");
  const std::string* kind = scalar(doc, "kind");
  if (api && *api == "mpijobc/v1") {
    compiler.compile_document(doc, path, into);
    return Checked::Spec;
  }
  DiagnosticEngine& diags = into.diags;
  bool mpijob = kind && *kind == "MPIJob";
  if (check_object(doc, crds, diags)) return mpijob ? Checked::MPIJob : Checked::Object;
  if (!mpijob) return Checked::Nothing;
  const Node* at = doc.get("apiVersion");
  diags.warning(at ? at->loc : doc.loc, "apiVersion",
                "not checked: mpijobc has no rules for MPIJob apiVersion '" +
                    (api ? *api : std::string()) + "'",
                "mpijobc checks MPIJobs of " + known_manifest_versions(), "manifest/unchecked-version");
  return Checked::Nothing;
}

struct ValidatedFile {
  FileResult result;
  size_t specs = 0, mpijobs = 0, objects = 0;  // documents checked
  bool skipped = false;  // not parsed: no spec or object of `kinds` in its text
};

ValidatedFile validate_file(SourceManager& sources, uint32_t file, const Compiler& compiler,
                            const CrdSchemas& crds, const std::vector<std::string>& kinds,
                            const std::vector<std::string>& api_versions,
                            bool verbose) {
  ValidatedFile out;
  if (!read_file(sources, file, out.result.diags)) return out;
  if (!may_hold_documents(sources.path(file), sources.text(file), kinds, api_versions)) {
    out.skipped = true;
    return out;
  }
  size_t index = 0;
  std::vector<Node> docs = read_documents(sources, file, out.result.diags);
  for (const Node& doc : docs) {
    ++index;
    switch (validate_document(doc, sources.path(file), compiler, crds, out.result)) {
      case Checked::Spec: ++out.specs; break;
      case Checked::MPIJob: ++out.mpijobs; break;
      case Checked::Object: ++out.objects; break;
      case Checked::Nothing:
        if (verbose)
          out.result.diags.report({Severity::Note, doc.loc, {},
                                   "document " + std::to_string(index) +
                                       " skipped: neither a job spec (apiVersion mpijobc/v1) nor an MPIJob",
                                   {}, {}});
    }
  }
  check_related_objects(docs, out.result.diags);
  return out;
}

int run_validate(const ValidateArgs& args) {
  if (!check_stdin_args("validate", args.inputs, args.stdin_name)) return kExitUsage;
  SourceManager sources;
  DiagnosticEngine diags;
  // Specs are compiled for their findings; the files are not kept.
  Compiler compiler(sources, diags, {{}, {}, [](CompiledJob&&) {}, {}, false});
  CrdSchemas crds;
  for (const std::string& crd : args.crds)
    if (uint32_t file = load_file(sources, crd, diags)) crds.load(sources, file, diags);
  // What a file must name to be parsed: MPIJob, and the kinds of the CRDs
  // given; the other built-in kinds by their apiVersion (Volcano's Job:
  // `kind: Job` alone would pick every batch/v1 Job, Helm templates included).
  std::vector<std::string> kinds = crds.kinds();
  if (std::find(kinds.begin(), kinds.end(), "MPIJob") == kinds.end())
    kinds.insert(kinds.begin(), "MPIJob");
  std::vector<std::string> api_versions, names = kinds;
  for (const EmbeddedCrd& c : embedded_crds())
    if (c.kind != "MPIJob") {
      if (std::find(api_versions.begin(), api_versions.end(), c.api_version) == api_versions.end())
        api_versions.emplace_back(c.api_version);
      names.push_back(std::string(c.api_version) + " " + std::string(c.kind));
    }
  std::string looked_for = "job spec";
  for (const std::string& name : names) looked_for += (name == names.back() ? " or " : ", ") + name;
  std::vector<uint32_t> files;
  for (const SpecInput& input : expand_inputs(args.inputs, {}))
    files.push_back(add_input(sources, input.path, args.stdin_name));
  size_t specs = 0, mpijobs = 0, objects = 0;
  ordered_parallel<ValidatedFile>(
      files.size(), thread_count(args.threads),
      [&](size_t i) {
        return validate_file(sources, files[i], compiler, crds, kinds, api_versions, args.verbose);
      },
      [&](size_t i, ValidatedFile&& v) {
        specs += v.specs;
        mpijobs += v.mpijobs;
        objects += v.objects;
        if (v.skipped && args.verbose)
          std::cerr << "mpijobc: " << sources.path(files[i]) << ": skipped: no " << looked_for
                    << " in it\n";
        compiler.accept(std::move(v.result));
      });
  RunCounts counts = {{"files", files.size()}, {"MPIJobs", mpijobs}, {"specs", specs}};
  if (objects) counts.push_back({"other objects", objects});
  emit_diagnostics(args.format, sources, diags.all(), counts);
  bool werror = args.werror && !diags.has_errors() && diags.warning_count() > 0;
  if (!args.quiet && args.format == DiagnosticFormat::Text)
    std::cerr << "mpijobc: " << summary_line(diags.all(), counts)
              << (werror ? " (--werror: warnings fail the check)" : "") << "\n";
  return diags.has_errors() || werror ? kExitFindings : kExitOk;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check job specs and hand-written MPIJob manifests without writing anything");
  auto add_options = [cmd, args] {
    cmd->add_option("files", args->inputs,
                    "Job specs (YAML with apiVersion mpijobc/v1, or *.mpijob) and Kubernetes manifests; "
                    "MPIJobs of kubeflow.org/v2beta1, kubeflow.org/v1 and batch.test.bdap.com/v1 (and "
                    "the legacy v1alpha1 and v1alpha2, with a warning to migrate them), "
                    "Kubeflow Trainer's TrainJobs, TrainingRuntimes and ClusterTrainingRuntimes, "
                    "and Volcano Jobs (batch.volcano.sh/v1alpha1) are checked, other kinds are "
                    "skipped, and a file with none is not parsed; a "
                    "directory is walked for *.yaml, *.yml and *.mpijob files (sorted, hidden "
                    "directories skipped); '-' reads standard input")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--crd", args->crds,
                    "Also check objects against the openAPIV3Schema of this CustomResourceDefinition "
                    "(any version of the operator's CRD file; repeatable)")
        ->allow_extra_args(false)  // one FILE per --crd: the positional files follow
        ->type_name("FILE");
    cmd->add_flag("--werror", args->werror, "Treat warnings as errors");
    add_stdin_option(cmd, args->stdin_name);
    add_threads_option(cmd, args->threads);
    cmd->add_flag("-q,--quiet", args->quiet, "Do not print the summary line");
    cmd->add_flag("-v,--verbose", args->verbose, "Say which files and documents were skipped");
    add_format_option(cmd, args->format);
    cmd->footer(
        "Specs go through every check of 'build'; MPIJobs, Trainer's objects and Volcano Jobs\n"
        "through their operator's CRD schema (built in for kubeflow.org/v2beta1 from\n"
        "mpi-operator caa3c47, kubeflow.org/v1 from training-operator v1.9.0,\n"
        "batch.test.bdap.com/v1, Kubeflow Trainer's trainer.kubeflow.org/v1alpha1 and Volcano\n"
        "v1.15.1's batch.volcano.sh/v1alpha1 Job; the legacy v1alpha1 and v1alpha2 MPIJobs\n"
        "from their fields in mpi-operator v0.2.3/v0.3.0; docs/spec.md#built-in-crd-schemas),\n"
        "as strictly as kubectl apply --validate=strict, and its own validation rules\n"
        "(docs/spec.md#checks), each finding at its line and column. Exit 1 on any error.\n"
        "--crd FILE checks objects of the CRD's kinds against its schema instead, for the\n"
        "apiVersions it defines (another operator version, or your own kinds).\n"
        "The last line sums up: files, MPIJobs and specs checked, errors and warnings (-q: not\n"
        "printed; JSON and SARIF carry the same counts).\n"
        "A file is parsed only if its text has 'apiVersion: mpijobc/v1', 'kind: MPIJob',\n"
        "'apiVersion: trainer.kubeflow.org/v1alpha1', 'apiVersion: batch.volcano.sh/v1alpha1'\n"
        "(or a --crd kind) at the start of a line or after '{' or ',': other YAML (Helm templates,\n"
        "GitLab CI's !reference, CloudFormation's !Sub) is skipped; *.mpijob files always count.\n"
        "Example (pre-commit): mpijobc validate jobs/*.yaml deploy/*/mpijob.yaml\n"
        "Example (CI): mpijobc validate deploy/ jobs/\n"
        "Example: mpijobc validate --crd kubeflow.org_mpijobs.yaml hand-written/*.yaml\n"
        "Example (an editor's buffer): mpijobc validate --stdin-filename jobs/pi.mpijob - < buffer");
  };
  return {cmd, add_options, [args] { return run_validate(*args); }};
}

}  // namespace mpijobc
