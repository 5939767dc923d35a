#include "frontend/documents.h"

#include <cerrno>
#include <cstring>
#include <mutex>

#include "dsl/parser.h"
#include "dsl/to_node.h"
#include "support/file_text.h"
#include "support/text_checks.h"
#include "support/yaml_reader.h"

namespace mpijobc {

bool is_dsl_path(std::string_view path) {
  constexpr std::string_view ext = ".mpijob";
  return path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext;
}

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_quote(char c) { return c == '"' || c == '\''; }

// Whether a key that starts at `at` starts a line (after a byte order mark
// at the start of the file) or follows '{' or ',', across blanks and line
// breaks.
bool starts_key(std::string_view text, size_t at) {
  if (at == 0 || text[at - 1] == '\n' || text.substr(0, at) == "\xEF\xBB\xBF") return true;
  while (at > 0 && (is_blank(text[at - 1]) || text[at - 1] == '\n' || text[at - 1] == '\r')) --at;
  return at > 0 && (text[at - 1] == '{' || text[at - 1] == ',');
}

// Whether `text` has `key: value` where starts_key says a document's key can
// be; the key and the value may be quoted, and blanks may surround the colon.
bool has_key_value(std::string_view text, std::string_view key, std::string_view value) {
  for (size_t at = text.find(value); at != text.npos; at = text.find(value, at + 1)) {
    size_t end = at + value.size();
    constexpr std::string_view ends = "\"' \t\r\n,}";
    if (end < text.size() && ends.find(text[end]) == ends.npos) continue;
    size_t i = at;
    if (i > 0 && is_quote(text[i - 1])) --i;
    while (i > 0 && is_blank(text[i - 1])) --i;
    if (i == 0 || text[i - 1] != ':') continue;
    --i;
    while (i > 0 && is_blank(text[i - 1])) --i;
    if (i > 0 && is_quote(text[i - 1])) --i;
    if (i < key.size() || text.substr(i - key.size(), key.size()) != key) continue;
    i -= key.size();
    if (i > 0 && is_quote(text[i - 1])) --i;
    if (starts_key(text, i)) return true;
  }
  return false;
}

}  // namespace

bool may_hold_documents(std::string_view path, std::string_view text,
                        const std::vector<std::string>& kinds,
                        const std::vector<std::string>& api_versions) {
  if (is_dsl_path(path) || has_key_value(text, "apiVersion", "mpijobc/v1")) return true;
  for (const std::string& kind : kinds)
    if (has_key_value(text, "kind", kind)) return true;
  for (const std::string& api : api_versions)
    if (has_key_value(text, "apiVersion", api)) return true;
  return false;
}

uint32_t load_file(SourceManager& sources, const std::string& path, DiagnosticEngine& diags) {
  uint32_t file = sources.add_path(path);
  return read_file(sources, file, diags) ? file : 0;
}

uint32_t add_input(SourceManager& sources, const std::string& arg, const std::string& stdin_name) {
  return arg == kStdinArg ? sources.add_stdin(stdin_name) : sources.add_path(arg);
}

bool read_file(SourceManager& sources, uint32_t file, DiagnosticEngine& diags) {
  const std::string& path = sources.path(file);
  // One byte past the limit is enough for check_text to refuse the file.
  size_t limit = TextLimits{}.max_bytes + 1;
  bool from_stdin = sources.is_stdin(file);
  std::optional<std::string> text =
      from_stdin ? read_stdin_text(limit) : read_file_text(path, limit);
  if (!text) {
    diags.error({file, 0, 0}, {}, std::string("cannot read: ") + std::strerror(errno), {}, "io/read");
    return false;
  }
  sources.set_text(file, std::move(*text));
  return true;
}

std::vector<Node> read_documents(const SourceManager& sources, uint32_t file,
                                 DiagnosticEngine& diags) {
  if (!is_dsl_path(sources.path(file))) return read_yaml(sources, file, diags);
  static std::mutex antlr;
  std::unique_lock<std::mutex> lock(antlr);
  dsl::File parsed = dsl::parse_sound_jobs(sources, file, diags);
  lock.unlock();
  return dsl::to_documents(parsed, diags);
}

namespace {

std::tuple<uint32_t, uint32_t, uint32_t> place(SourceLoc loc) {
  return {loc.file, loc.line, loc.column};
}

void add_refused(const Node& n, const Places& errors, Places& refused) {
  if (errors.count(place(n.loc))) refused.insert(place(n.loc));
  for (const Node& item : n.items) add_refused(item, errors, refused);
  for (const Member& m : n.members) add_refused(m.value, errors, refused);
}

}  // namespace

Places refused_values(const Node& doc, const DiagnosticEngine& diags) {
  Places errors, refused;
  for (const Diagnostic& d : diags.all())
    if (d.severity == Severity::Error && d.loc.has_line()) errors.insert(place(d.loc));
  if (!errors.empty()) add_refused(doc, errors, refused);
  return refused;
}

}  // namespace mpijobc
