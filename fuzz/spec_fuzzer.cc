// Any bytes as a job spec file: the whole pipeline (text checks, YAML
// reader, schema, model, lowering, checks, renderers, operator rules) and
// the diagnostics printer must neither crash nor trip a sanitizer.
#include <cstdint>
#include <sstream>
#include <string>

#include "driver/compile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mpijobc::SourceManager sources;
  mpijobc::DiagnosticEngine diags;
  mpijobc::Compiler compiler(sources, diags, {});
  compiler.compile_text("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream sink;
  mpijobc::print_text(sink, sources, diags.all());
  return 0;
}
