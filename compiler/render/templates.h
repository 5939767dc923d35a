// The templates of the text outputs (render/mustache.h). Every template has
// one escaping rule, that of its output language, applied to every
// {{value}}; {{{raw}}} is reserved for values the renderer has already made
// inert in that context (see templates/README.md). Templates come from
// --templates DIR when it has the file, else from the binary. One Templates
// renders on several threads at once: a template is parsed once, and
// rendering only reads it.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "render/mustache.h"
#include "support/diagnostics.h"

namespace mpijobc {

class Templates {
 public:
  // The built-in templates.
  Templates() = default;
  // The *.mustache files of `dir` (read now, and registered in `sources` so
  // that findings in them are located), else the built-in templates. A
  // variable of theirs that the data does not have is a warning, or with
  // `strict` an error (template/unknown-name).
  Templates(SourceManager& sources, const std::string& dir, bool strict);

  // Renders template `name` (each template is parsed once); on a missing or
  // malformed template reports an error and returns nullopt.
  std::optional<std::string> render(const std::string& name, const TemplateData& data,
                                    DiagnosticEngine& diags) const;

 private:
  struct Loaded {
    MustacheTemplate tmpl;
    std::string origin;  // for messages: the file, or "built-in template NAME"
    uint32_t file = 0;   // the file's in sources_; 0 for a built-in template
  };
  const Loaded* load(const std::string& name, DiagnosticEngine& diags) const;

  const SourceManager* sources_ = nullptr;
  std::map<std::string, uint32_t> files_;  // the directory's templates by name
  bool strict_ = false;
  mutable std::mutex mutex_;  // guards loaded_
  mutable std::map<std::string, Loaded> loaded_;
};

// Rendered text keeps at most one blank line in a row and ends with exactly
// one newline, whatever the template's sections left behind.
std::string tidy_layout(const std::string& text);

// POSIX shell word: left bare when it has only characters no shell treats
// specially and is no reserved word (POSIX's and bash's), else
// single-quoted ('it'\''s', 'done').
std::string shell_quote(const std::string& word);

// Text safe inside a one-line comment: control characters become '?'.
std::string comment_safe(const std::string& text);

// A list of strings as mustache data ({{#list}}{{.}}{{/list}}).
TemplateData string_list(const std::vector<std::string>& items);

}  // namespace mpijobc
