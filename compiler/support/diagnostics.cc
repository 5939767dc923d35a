#include "support/diagnostics.h"

#include <ostream>

#include "support/text_checks.h"

namespace mpijobc {

void DiagnosticEngine::report(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  diags_.push_back(std::move(d));
}

void DiagnosticEngine::error(SourceLoc loc, std::string path, std::string message,
                             std::string hint, std::string rule) {
  report({Severity::Error, loc, std::move(path), std::move(message), std::move(hint),
          std::move(rule)});
}

void DiagnosticEngine::warning(SourceLoc loc, std::string path, std::string message,
                               std::string hint, std::string rule) {
  report({Severity::Warning, loc, std::move(path), std::move(message), std::move(hint),
          std::move(rule)});
}

namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

void print_prefix(std::ostream& out, const SourceManager& sources, const SourceLoc& loc) {
  if (loc.valid()) {
    out << sources.path(loc.file) << ':' << loc.line << ':' << loc.column << ": ";
  } else {
    out << "mpijobc: ";
  }
}

}  // namespace

void print_text(std::ostream& out, const SourceManager& sources, const Diagnostic& d) {
  print_prefix(out, sources, d.loc);
  out << severity_name(d.severity) << ": ";
  // Messages quote user text: nothing it holds may drive the terminal.
  if (!d.path.empty()) out << printable(d.path) << ": ";
  out << printable(d.message);
  if (!d.rule.empty()) out << " [" << d.rule << ']';
  out << '\n';
  if (d.loc.valid()) {
    std::string_view line = sources.line(d.loc.file, d.loc.line);
    if (!line.empty()) {
      std::string number = std::to_string(d.loc.line);
      out << ' ' << number << " | " << printable(line) << '\n';
      out << ' ' << std::string(number.size(), ' ') << " | ";
      // Keep tabs so the caret lines up under the source in any terminal.
      // Columns count bytes; UTF-8 continuation bytes take no cell of their own.
      for (size_t i = 0; i + 1 < d.loc.column && i < line.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        out << (c == '\t' ? '\t' : ' ');
      }
      out << "^\n";
    }
  }
  if (!d.hint.empty()) {
    print_prefix(out, sources, d.loc);
    out << "note: " << printable(d.hint) << '\n';
  }
}

void print_text(std::ostream& out, const SourceManager& sources,
                const std::vector<Diagnostic>& diags) {
  for (const Diagnostic& d : diags) print_text(out, sources, d);
}

}  // namespace mpijobc
