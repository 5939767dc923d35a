// Any bytes as a .mpijob file: the DSL parser, the formatter and the whole
// pipeline behind the DSL front end must neither crash nor trip a sanitizer,
// and formatting must be lossless and idempotent: the formatted text parses,
// means the same documents, and formats to itself. The hand-written lexer
// must make the same tokens as the one ANTLR generates from the grammar.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "driver/compile.h"
#include "dsl/from_node.h"
#include "dsl/lexer.h"
#include "dsl/parser.h"
#include "dsl/printer.h"
#include "dsl/to_node.h"
#include "support/text_checks.h"
#include "support/yaml_writer.h"

namespace {

std::string yaml_of(const std::vector<mpijobc::Node>& docs) {
  std::string out;
  for (const mpijobc::Node& d : docs) out += "---\n" + mpijobc::to_yaml(d, mpijobc::Spelling::AsWritten);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mpijobc;
  std::string text(reinterpret_cast<const char*>(data), size);
  if (valid_utf8_prefix(text) == text.size() && !dsl::difference_from_generated_lexer(text).empty())
    std::abort();
  SourceManager sources;
  std::ostringstream sink;
  // Most inputs do not parse: their errors are printed, and the pipeline,
  // which would stop at the same errors, is not run on them (a parse with
  // errors takes two passes, and it was half of all the time).
  DiagnosticEngine quiet;
  std::optional<dsl::File> file = dsl::parse(sources, sources.add("a.mpijob", text), quiet);
  if (!file) {
    print_text(sink, sources, quiet.all());
    return 0;
  }
  DiagnosticEngine diags;
  Compiler compiler(sources, diags, {});
  compiler.compile_text("fuzz.mpijob", text);
  print_text(sink, sources, diags.all());
  std::string formatted = dsl::print(*file);
  DiagnosticEngine again;
  std::optional<dsl::File> reparsed = dsl::parse(sources, sources.add("b.mpijob", formatted), again);
  if (!reparsed || dsl::print(*reparsed) != formatted) std::abort();
  DiagnosticEngine d1, d2;
  std::vector<Node> docs = dsl::to_documents(*file, d1);
  if (yaml_of(docs) != yaml_of(dsl::to_documents(*reparsed, d2)) ||
      d1.error_count() != d2.error_count())
    std::abort();

  // Documents the DSL means convert back to DSL text meaning the same.
  dsl::File converted;
  for (const Node& doc : docs) converted.jobs.push_back(dsl::from_document(doc));
  DiagnosticEngine d3, d4;
  std::optional<dsl::File> back =
      dsl::parse(sources, sources.add("c.mpijob", dsl::print(converted)), d3);
  if (!back || yaml_of(dsl::to_documents(*back, d4)) != yaml_of(docs)) std::abort();
  return 0;
}
