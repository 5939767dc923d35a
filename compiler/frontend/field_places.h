// Where each field of a spec can be written, for the hint on a field the
// schema does not know where it was written but has elsewhere: under its
// own name ('image' at the top level belongs at 'spec.image'; 'name' in a
// spec at 'metadata.name') or under the name Kubernetes gives it
// ('memory' in a worker is 'limits.mem' or 'requests.mem'; 'backoffLimit'
// is 'run_policy.backoff_limit').
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mpijobc {

class FieldPlaces {
 public:
  // Adds every field path the `definition` of `part` (a schema with its
  // "definitions") has, below `prefix` ("" for the document).
  void add(const nlohmann::json& part, const std::string& definition, const std::string& prefix);

  // The hint for `key`, unknown at `path`, or "" when no place has it.
  std::string hint(const std::string& key, const std::string& path) const;

 private:
  void walk(const nlohmann::json& definitions, const nlohmann::json& node,
            std::vector<std::string>& path);

  std::vector<std::vector<std::string>> paths_;
};

}  // namespace mpijobc
