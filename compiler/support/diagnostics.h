// The one diagnostics engine. Every pass reports through it; nothing prints
// or throws on bad input. Findings carry the field path of the offending
// value and, where known, a rule id that the later machine formats expose.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "support/source.h"

namespace mpijobc {

enum class Severity { Note, Warning, Error };

// "note", "warning", "error".
const char* severity_name(Severity s);

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLoc loc;
  std::string path;     // field path, e.g. "spec.worker.replicas"; may be empty
  std::string message;  // what is wrong, lower-case, no trailing period
  std::string hint;     // how to fix it; printed as a note; may be empty
  std::string rule;     // stable rule id, e.g. "schema/unknown-field"
};

class DiagnosticEngine {
 public:
  void report(Diagnostic d);
  void error(SourceLoc loc, std::string path, std::string message, std::string hint = {},
             std::string rule = {});
  void warning(SourceLoc loc, std::string path, std::string message, std::string hint = {},
               std::string rule = {});

  const std::vector<Diagnostic>& all() const { return diags_; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ != 0; }

 private:
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

// GCC/Clang style: "file:line:col: error: path: message", then the source line
// with a caret under the column, then "note: hint" when there is one. With
// `color`, GCC's colours (for a terminal).
void print_text(std::ostream& out, const SourceManager& sources, const Diagnostic& d,
                bool color = false);
void print_text(std::ostream& out, const SourceManager& sources,
                const std::vector<Diagnostic>& diags, bool color = false);

}  // namespace mpijobc
