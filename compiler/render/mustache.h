// Mustache templates (mustache(5)) for the text outputs: variables, raw
// variables ({{{x}}}, {{&x}}), sections over lists, objects and truth
// values, inverted sections, comments, set delimiters, and standalone tag
// lines, which are left out whole. Partials and lambdas are not supported:
// a partial is an error, and the data has no lambdas. The official mustache
// spec's tests for all the rest pass (mustache_spec_test.cc).
//
// A template is parsed once into a flat list of operations and rendered
// many times, on several threads at once (rendering only reads it). This
// replaced kainjow's engine, which made a component of every space and
// newline: parsing the two built-in templates was a quarter of a one-spec
// build, and rendering them an eighth of every further spec (README.md, Speed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpijobc {

// A value templates read: an object (the default), a list, a string or a
// truth value. A section shows for each item of a list, once for any other
// value but false, and not at all for false, an empty list or a missing
// name; a variable writes strings only.
class TemplateData {
 public:
  enum class Type { Object, List, String, Bool };

  TemplateData() = default;
  TemplateData(std::string s) : type_(Type::String), text_(std::move(s)) {}
  TemplateData(const char* s) : TemplateData(std::string(s)) {}
  TemplateData(bool b) : type_(Type::Bool), truth_(b) {}
  static TemplateData list() {
    TemplateData d;
    d.type_ = Type::List;
    return d;
  }

  // An object's member, added when missing (any other value becomes an
  // empty object first).
  TemplateData& operator[](std::string_view key);
  // Appends an item to a list.
  void push_back(TemplateData item) { items_.push_back(std::move(item)); }

  Type type() const { return type_; }
  const std::string& text() const { return text_; }
  const std::vector<TemplateData>& items() const { return items_; }
  const std::vector<std::string>& keys() const { return keys_; }  // an object's
  // An object's member; nullptr when missing or when this is no object.
  const TemplateData* get(std::string_view key) const;
  // Whether a section shows.
  bool truthy() const;

 private:
  Type type_ = Type::Object;
  bool truth_ = false;
  std::string text_;
  std::vector<TemplateData> items_;  // a list's items; an object's values
  std::vector<std::string> keys_;    // an object's keys, beside items_
};

class MustacheTemplate {
 public:
  using Escape = std::string (*)(const std::string&);

  // Parses `text`; on a syntax error returns nullopt and sets `error` to
  // "LINE:COL: message".
  // `error_at`, when given, is set to the error's byte offset.
  static std::optional<MustacheTemplate> parse(std::string_view text, std::string& error,
                                               size_t* error_at = nullptr);

  // A {{name}} or {{{name}}} that rendered empty because no object around
  // it has the name (a typo, or a name the data never has); sections over
  // absent names are how templates test for optional data, and are not.
  struct Unresolved {
    std::string name;
    size_t offset;                    // of the tag in the template's text
    std::vector<std::string> known;  // the names the objects around it have
  };

  // Renders `data`, writing every {{name}} through `escape`; nullopt when the
  // text would pass `max_bytes` (sections nested over lists multiply it).
  // Each variable that found no value is added to `unresolved`, once.
  std::optional<std::string> render(const TemplateData& data, Escape escape,
                                    std::vector<Unresolved>* unresolved = nullptr,
                                    size_t max_bytes = kMaxRenderedBytes) const;
  static constexpr size_t kMaxRenderedBytes = 16u << 20;
  static constexpr size_t kMaxDepth = 100;  // sections inside sections

 private:
  struct Op {
    enum class Kind { Text, Var, Raw, Section, Inverted } kind;
    std::string text;    // Text: the text; the others: the name
    size_t end = 0;      // Section, Inverted: the index just past their body
    size_t at = 0;       // the others: the tag's offset in the template
  };
  struct Output {
    std::string text;
    size_t max_bytes;
    std::vector<Unresolved>* unresolved;
  };
  // False once the output is over its limit.
  bool render(size_t begin, size_t end, std::vector<const TemplateData*>& stack, Escape escape,
              Output& out) const;

  std::vector<Op> ops_;
};

}  // namespace mpijobc
