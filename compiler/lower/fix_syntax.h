// Fix-it hints quote spec fragments in the syntax of the spec's own file:
// "worker: {replicas: 3}" for YAML, "worker { replicas 3 }" for the DSL.
#pragma once

#include <string>

#include "frontend/documents.h"
#include "model/job_spec.h"

namespace mpijobc {

class FixSyntax {
 public:
  explicit FixSyntax(const JobSpec& job) : dsl_(is_dsl_path(job.source)) {}

  std::string field(const std::string& key, const std::string& value) const {
    return dsl_ ? key + " " + value : key + ": " + value;
  }
  std::string nested(const std::string& key, const std::string& inner, const std::string& value) const {
    return dsl_ ? key + " { " + inner + " " + value + " }" : key + ": {" + inner + ": " + value + "}";
  }
  // Where top-level spec fields go.
  const char* spec_place() const { return dsl_ ? "to the job" : "under spec"; }

 private:
  bool dsl_;
};

}  // namespace mpijobc
