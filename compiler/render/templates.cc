#include "render/templates.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "support/embedded.h"
#include "support/file_text.h"
#include "support/suggest.h"

namespace mpijobc {

Templates::Templates(SourceManager& sources, const std::string& dir, bool strict)
    : sources_(&sources), strict_(strict) {
  if (dir.empty()) return;
  std::set<std::string> names;  // in order, so file ids do not depend on the directory's
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".mustache") names.insert(entry.path().filename().string());
  for (const std::string& name : names)
    if (std::optional<std::string> text = read_file_text(dir + "/" + name))
      files_[name] = sources.add(dir + "/" + name, std::move(*text));
}

const Templates::Loaded* Templates::load(const std::string& name, DiagnosticEngine& diags) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = loaded_.find(name); it != loaded_.end()) return &it->second;
  std::string_view text;
  std::string origin = "built-in template " + name;
  uint32_t file = 0;
  if (auto it = files_.find(name); it != files_.end()) {
    file = it->second;
    text = sources_->text(file);
    origin = sources_->path(file);
  } else if (auto builtin = embedded_file(name)) {
    text = *builtin;
  } else {
    diags.error({}, {}, "no template named " + name);
    return nullptr;
  }
  std::string error;
  size_t error_at = 0;
  std::optional<MustacheTemplate> tmpl = MustacheTemplate::parse(text, error, &error_at);
  if (!tmpl) {
    // A file of yours: located in it; a built-in template: named with the position.
    if (file)
      diags.error(sources_->loc(file, error_at), {}, error.substr(error.find(' ') + 1),
                  "fix the template", "template/syntax");
    else
      diags.error({}, {}, origin + ":" + error, "fix the template", "template/syntax");
    return nullptr;
  }
  return &loaded_.emplace(name, Loaded{std::move(*tmpl), origin, file}).first->second;
}

std::optional<std::string> Templates::render(const std::string& name, const TemplateData& data,
                                             DiagnosticEngine& diags) const {
  const Loaded* loaded = load(name, diags);
  if (!loaded) return std::nullopt;
  // Both outputs are shell: the launcher script, and the Dockerfile's RUN lines.
  // The built-in templates' names are the data's by construction.
  std::vector<MustacheTemplate::Unresolved> unresolved;
  std::optional<std::string> text =
      loaded->tmpl.render(data, shell_quote, loaded->file ? &unresolved : nullptr);
  for (const MustacheTemplate::Unresolved& u : unresolved) {
    std::string match = closest_match(u.name, u.known);
    diags.report({strict_ ? Severity::Error : Severity::Warning, sources_->loc(loaded->file, u.offset),
                  {}, "'" + u.name + "' is not a name of the data here: it renders empty",
                  match.empty() ? "the names here are listed in templates/README.md"
                                : "did you mean '" + match + "'?",
                  "template/unknown-name"});
  }
  if (strict_ && !unresolved.empty()) return std::nullopt;
  if (!text) {
    diags.error({}, {}, loaded->origin + " renders to more than " +
                            std::to_string(MustacheTemplate::kMaxRenderedBytes >> 20) + " MiB",
                "nest fewer sections over lists", "template/too-large");
    return std::nullopt;
  }
  return tidy_layout(*text);
}

std::string tidy_layout(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    size_t nl = text.find('\n', i);
    if (nl == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    out.append(text, i, nl - i);
    size_t next = text.find_first_not_of('\n', nl);
    if (next == std::string::npos) break;  // trailing blank lines go
    out.append(std::min<size_t>(next - nl, 2), '\n');
    i = next;
  }
  out += '\n';
  return out;
}

std::string shell_quote(const std::string& word) {
  // Reserved words are literal after a command name, but shellcheck (SC1010)
  // and readers take a bare `done` or `then` for syntax.
  static constexpr std::string_view kReserved[] = {
      "case", "do", "done", "elif",  "else",  "esac",     "fi",     "for",
      "if",   "in", "then", "until", "while", "function", "select", "time"};
  bool bare = !word.empty() && std::find(std::begin(kReserved), std::end(kReserved), word) ==
                                   std::end(kReserved);
  for (char c : word) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.' || c == '/' || c == ':' || c == '@' || c == '%' ||
                c == '+' || c == ',' || c == '-';
    bare = bare && safe;
  }
  if (bare) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string comment_safe(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if ((c >= 0 && c < 0x20) || c == 0x7f) c = '?';
  return out;
}

TemplateData string_list(const std::vector<std::string>& items) {
  TemplateData list = TemplateData::list();
  for (const std::string& s : items) list.push_back(s);
  return list;
}

}  // namespace mpijobc
