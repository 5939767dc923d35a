#include "support/schema_patterns.h"

#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string_view>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>

#include "support/schema_walk.h"

namespace mpijobc {
namespace {

// A pattern compiled on first use (a schema has many that a document never
// reaches), once, whichever thread gets there first.
struct LazyRegex {
  explicit LazyRegex(std::string p) : pattern(std::move(p)) {}
  const SchemaRegex* get() const {
    std::call_once(once, [this] {
      // One compilation at a time: libstdc++'s regex compiler fills the
      // locale's shared ctype<char>::narrow cache as it goes.
      static std::mutex compiling;
      std::lock_guard<std::mutex> lock(compiling);
      try {
        regex.emplace(pattern);
      } catch (const std::regex_error&) {
        // Left empty: every check reports the pattern as invalid.
      }
    });
    return regex ? &*regex : nullptr;
  }
  std::string pattern;
  mutable std::once_flag once;
  mutable std::optional<SchemaRegex> regex;
};

class PatternConstraint final : public valijson::constraints::PolyConstraint {
 public:
  explicit PatternConstraint(std::shared_ptr<const LazyRegex> regex) : regex_(std::move(regex)) {}

  // As valijson's own "pattern" with strict types: only strings are checked,
  // and a failure is described in valijson's words (LocatedSchema reads them).
  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString()) return true;
    const SchemaRegex* regex = regex_->get();
    if (regex && std::regex_search(target.getString(), *regex)) return true;
    if (results)
      results->pushError(context, regex ? "Failed to match regex specified by 'pattern' constraint."
                                        : "The schema's pattern is not a valid regular expression: " +
                                              regex_->pattern);
    return false;
  }

 private:
  Constraint* cloneInto(void* memory) const override { return new (memory) PatternConstraint(*this); }
  size_t sizeOf() const override { return sizeof(PatternConstraint); }

  std::shared_ptr<const LazyRegex> regex_;
};

class CompiledPatterns : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    std::string pattern = value.getString();
    std::shared_ptr<const LazyRegex>& regex = compiled_[pattern];
    if (!regex) regex = std::make_shared<const LazyRegex>(pattern);
    return new PatternConstraint(regex);
  }

 private:
  mutable std::map<std::string, std::shared_ptr<const LazyRegex>> compiled_;
};

void rename(nlohmann::json& schema) {
  if (!schema.is_object()) return;
  for_each_subschema(schema, rename);
  auto pattern = schema.find("pattern");
  if (pattern != schema.end() && pattern->is_string()) {
    schema[kPatternKeyword] = std::move(*pattern);
    schema.erase("pattern");
  }
}

}  // namespace

nlohmann::json rename_patterns(nlohmann::json schema) {
  rename(schema);
  return schema;
}

std::shared_ptr<const valijson::Schema> compile_schema(const nlohmann::json& schema) {
  auto compiled = std::make_shared<valijson::Schema>();
  valijson::SchemaParser parser;
  parser.addConstraintBuilder(kPatternKeyword, new CompiledPatterns);  // the parser owns it
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schema), *compiled);
  return compiled;
}

}  // namespace mpijobc
