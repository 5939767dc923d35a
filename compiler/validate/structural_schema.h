// A CRD's openAPIV3Schema compiled to flat tables, for checking objects the
// way the API server does. Kubernetes requires CRD schemas to be structural
// (every node says its type; value validations only), so a checker can walk
// the object and the schema together and look only at the parts the object
// reaches: no general JSON Schema engine, and nothing compiled at start-up.
// The build compiles the embedded CRD schemas (schemas/crd/) into C++ tables
// (cmake/crd_tables.cc): checking one MPIJob against valijson's compiled
// schema took 76 M instructions, 75 M of them compiling it; see
// validate/structural_check.h for the checker.
//
// Keywords read: type, properties, additionalProperties, items, required,
// enum, format (int32, int64, date-time), pattern, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, minLength, maxLength, minItems,
// maxItems, nullable, x-kubernetes-int-or-string,
// x-kubernetes-preserve-unknown-fields, x-kubernetes-embedded-resource,
// x-kubernetes-list-type (set, map) and x-kubernetes-list-map-keys. Not read:
// defaults, x-kubernetes-validations (CEL rules run in the API server), and
// value validations under allOf/anyOf/oneOf/not (an int-or-string's anyOf is
// its type).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace mpijobc::structural {

enum Type : uint8_t {
  kObject = 1,
  kArray = 2,
  kString = 4,
  kInteger = 8,
  kNumber = 16,
  kBoolean = 32,
};

enum Flag : uint8_t {
  kIntOrString = 1,
  kPreserveUnknown = 2,  // unknown fields are kept (not rejected)
  kNullable = 4,
  kListSet = 8,   // x-kubernetes-list-type: set (items unique)
  kListMap = 16,  // x-kubernetes-list-type: map (items unique by their map keys)
  kEmbedded = 32, // x-kubernetes-embedded-resource: apiVersion, kind, metadata
};

enum class Format : uint8_t { None, Int32, Int64, DateTime };

inline constexpr int32_t kNone = -1;
inline constexpr int64_t kUnbounded = INT64_MIN;

// A range of a table: [first, first + count).
struct Span {
  uint32_t first = 0, count = 0;
};

struct SchemaNode {
  uint8_t types = 0;  // Type bits; 0: any
  uint8_t flags = 0;  // Flag bits
  Format format = Format::None;
  bool closed = false;         // has properties and no additionalProperties: others are unknown
  int32_t items = kNone;       // node of the items
  int32_t additional = kNone;  // node of additionalProperties
  Span properties;             // in properties, sorted by name
  Span required;               // in strings
  Span enum_values;            // in strings: each value as JSON text ("\"OpenMPI\"", "1")
  Span map_keys;               // in strings
  int32_t pattern = kNone;     // in strings
  // Bounds; kUnbounded when absent. minimum/maximum are whole numbers in the
  // MPIJob CRDs; a fractional bound is rounded inwards.
  int64_t minimum = kUnbounded, maximum = kUnbounded;
  bool exclusive_minimum = false, exclusive_maximum = false;
  int64_t min_length = kUnbounded, max_length = kUnbounded;
  int64_t min_items = kUnbounded, max_items = kUnbounded;
};

struct Property {
  std::string_view name;
  int32_t node;
};

// A compiled schema. The tables are either the build's
// static arrays (cmake/crd_tables.cc) or a Compiled schema's vectors.
struct Tables {
  const SchemaNode* nodes = nullptr;
  const Property* properties = nullptr;
  const std::string_view* strings = nullptr;
  size_t node_count = 0, property_count = 0, string_count = 0;
  int32_t root = 0;
};

// A schema compiled at run time (`validate --crd FILE`), and by the build.
class Compiled {
 public:
  // Compiles `schema`; identical subschemas share one node. Throws
  // std::invalid_argument, naming the field, for a schema that is not
  // structural enough to read (a "type" that is not a JSON Schema type).
  explicit Compiled(const nlohmann::json& schema);
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;

  Tables tables() const;
  int32_t root() const { return root_; }
  const std::vector<SchemaNode>& nodes() const { return nodes_; }
  const std::vector<Property>& properties() const { return properties_; }
  const std::vector<std::string_view>& strings() const { return strings_; }

 private:
  int32_t add(const nlohmann::json& schema, const std::string& path);
  uint32_t add_string(std::string s);
  Span add_strings(const std::vector<std::string>& values);

  std::vector<SchemaNode> nodes_;
  std::vector<Property> properties_;
  std::vector<std::string_view> strings_;
  std::deque<std::string> storage_;  // what strings_ and property names view
  // A subschema's JSON text ("n" + text) or a string ("s" + text) -> its index.
  std::unordered_map<std::string, int32_t> by_text_;
  int32_t root_ = kNone;  // declared last: initialised by compiling the rest
};

}  // namespace mpijobc::structural
