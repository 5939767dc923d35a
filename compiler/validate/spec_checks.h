// Spec rules that JSON Schema cannot express: Kubernetes label and
// annotation syntax, environment variable names, GPU requests vs limits,
// the elastic range, rank counts (validate/rank_counts.h), a launcher
// command that starts with a program.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

void check_spec(const JobSpec& job, DiagnosticEngine& diags);

// Kubernetes name syntax, shared with the manifest rules.
bool is_dns1123_label(std::string_view s);
bool is_dns1123_subdomain(std::string_view s);
bool is_dns1035_label(std::string_view s);
// "prefix/name" label/annotation keys; returns "" when valid, else why not.
std::string qualified_name_error(std::string_view key);

}  // namespace mpijobc
