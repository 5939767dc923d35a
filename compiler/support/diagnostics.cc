#include "support/diagnostics.h"

#include <algorithm>
#include <cstring>
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

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

namespace {

// GCC's colours: bold locations, red errors, magenta warnings, cyan notes,
// a green caret.
struct Style {
  bool on;
  const char* operator()(const char* code) const { return on ? code : ""; }
};
constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";
constexpr const char* kGreen = "\033[1;32m";

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Note: return "\033[1;36m";
    case Severity::Warning: return "\033[1;35m";
    case Severity::Error: return "\033[1;31m";
  }
  return "";
}

void print_prefix(std::ostream& out, const SourceManager& sources, const SourceLoc& loc, Style style) {
  out << style(kBold);
  if (loc.valid()) {
    out << sources.path(loc.file);
    if (loc.has_line()) out << ':' << loc.line << ':' << loc.column;
    out << ": ";
  } else {
    out << "mpijobc: ";
  }
  out << style(kReset);
}

constexpr size_t kShownBytes = 160;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

void print_text(std::ostream& out, const SourceManager& sources, const Diagnostic& d, bool color) {
  Style style{color};
  print_prefix(out, sources, d.loc, style);
  out << style(severity_color(d.severity)) << severity_name(d.severity) << ": " << style(kReset);
  // Messages quote user text: nothing it holds may drive the terminal.
  if (!d.path.empty()) out << printable(d.path) << ": ";
  out << printable(d.message);
  if (!d.rule.empty()) out << " [" << d.rule << ']';
  out << '\n';
  if (d.loc.valid()) {
    std::string_view line = sources.line(d.loc.file, d.loc.line);
    if (!line.empty()) {
      // A long line (minified JSON, a runaway value) shows as a window of
      // kShownBytes around the column, cut on character boundaries.
      size_t col = d.loc.column > 0 ? d.loc.column - 1 : 0;
      size_t begin = 0, end = line.size();
      if (line.size() > kShownBytes) {
        begin = col > kShownBytes / 2 ? std::min(col, line.size()) - kShownBytes / 2 : 0;
        while (begin > 0 && is_continuation(line[begin])) --begin;
        end = std::min(line.size(), begin + kShownBytes);
        while (end < line.size() && is_continuation(line[end])) ++end;
      }
      const char* lead = begin > 0 ? "..." : "";
      std::string number = std::to_string(d.loc.line);
      out << ' ' << number << " | " << lead << printable(line.substr(begin, end - begin))
          << (end < line.size() ? "..." : "") << '\n';
      out << ' ' << std::string(number.size(), ' ') << " | " << std::string(std::strlen(lead), ' ');
      // Keep tabs so the caret lines up under the source in any terminal.
      // Columns count bytes; UTF-8 continuation bytes take no cell of their own.
      for (size_t i = begin; i < col && i < end; ++i) {
        if (is_continuation(line[i])) continue;
        out << (line[i] == '\t' ? '\t' : ' ');
      }
      out << style(kGreen) << '^' << style(kReset) << '\n';
    }
  }
  if (!d.hint.empty()) {
    print_prefix(out, sources, d.loc, style);
    out << style(severity_color(Severity::Note)) << "note: " << style(kReset) << printable(d.hint)
        << '\n';
  }
}

void print_text(std::ostream& out, const SourceManager& sources,
                const std::vector<Diagnostic>& diags, bool color) {
  for (const Diagnostic& d : diags) print_text(out, sources, d, color);
}

}  // namespace mpijobc
