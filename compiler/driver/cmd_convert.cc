// `mpijobc convert FILE --to dsl|yaml`: prints the job specs of a file in the
// other syntax. Each document must pass the spec schema first, so what is
// printed is a spec in either syntax; the round trip YAML -> DSL -> YAML gives
// the same job model.
#include <iostream>
#include <memory>

#include "driver/command.h"
#include "frontend/documents.h"
#include "frontend/spec_schema.h"

namespace mpijobc {
namespace {

struct ConvertArgs {
  std::string input;
  std::string to;
  DiagnosticFormat format = DiagnosticFormat::Text;
};

int run_convert(const ConvertArgs& args) {
  SourceManager sources;
  DiagnosticEngine diags;
  std::vector<Node> docs;
  if (uint32_t file = load_file(sources, args.input, diags))
    docs = read_documents(sources, file, diags);
  for (const Node& doc : docs) {
    const Node* api = doc.get("apiVersion");
    if (api && api->is_string() && api->text == "mpijobc/v1") SpecSchema::builtin().check(doc, diags);
    else
      diags.error(doc.loc, {}, "not a job spec: only documents with apiVersion mpijobc/v1 convert",
                  "convert job specs; Kubernetes manifests have no DSL form", "convert/not-a-spec");
  }
  if (diags.has_errors()) {
    emit_diagnostics(args.format, sources, diags.all());
    std::cerr << "mpijobc: " << diags.error_count() << " error(s); nothing converted\n";
    return kExitFindings;
  }
  std::cout << print_specs(docs, args.to);
  emit_diagnostics(args.format, sources, diags.all());
  return kExitOk;
}

}  // namespace

Command add_convert_command(CLI::App& app) {
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Print the job specs of a YAML file in the DSL, or of a .mpijob file in YAML");
  auto add_options = [cmd, args] {
    cmd->add_option("file", args->input, "A job spec file: YAML, or the DSL (*.mpijob)")
        ->required()
        ->type_name("FILE");
    one_of(cmd->add_option("--to", args->to, "The syntax to print"), {"dsl", "yaml"})->required();
    add_format_option(cmd, args->format);
    cmd->footer(
        "Each document must be a job spec that passes the schema; the output reads back as the\n"
        "same job (comments are not carried over: the YAML reader does not keep them).\n"
        "Example: mpijobc convert samples/mpi-pi.yaml --to dsl > mpi-pi.mpijob");
  };
  return {cmd, add_options, [args] { return run_convert(*args); }};
}

}  // namespace mpijobc
