// Building blocks shared by the operator rule passes (mpijob_rules*.cc):
// located reports that name the spec field for generated nodes, and the
// checks every MPIJob dialect makes of pod templates, enums and ranges.
#pragma once

#include <initializer_list>
#include <string>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

// `n` without the map members whose value is null, at any depth: what the
// API server keeps of an object whose schema has no nullable fields.
Node without_null_fields(const Node& n);

class RuleReporter {
 public:
  explicit RuleReporter(DiagnosticEngine& diags) : diags_(diags) {}

  // Reports at `n`, naming the spec field when the node was generated.
  void error(const Node& n, const std::string& manifest_path, std::string message,
             const std::string& rule, std::string hint = {});
  void warning(const Node& n, const std::string& manifest_path, std::string message,
               const std::string& rule, std::string hint = {});

  // A pod template (`tmpl` may be null) must have containers, each with an
  // image. Rules: <prefix>/containers-required, <prefix>/container-image.
  void pod_template(const Node* tmpl, const Node& parent, const std::string& path,
                    const std::string& prefix);
  // A string field must be one of `allowed`.
  void one_of(const Node* n, const std::string& path, std::initializer_list<const char*> allowed,
              const std::string& rule);
  // An integer field must be >= `min` (and an integer: <prefix>/type).
  void at_least(const Node* n, const std::string& path, int64_t min, const std::string& rule,
                const std::string& prefix, std::string hint = {});
  // runPolicy (may be null): cleanPodPolicy in the enum, TTL, deadline and
  // backoff >= 0. Rules: <prefix>/clean-pod-policy, <prefix>/run-policy-range.
  void run_policy(const Node* run, const std::string& path, const std::string& prefix);
  // Keys of a replica-spec map must be among `allowed`.
  void keys_among(const Node& map, const std::string& path, std::initializer_list<const char*> allowed,
                  const std::string& rule);

 private:
  void report(Severity severity, const Node& n, const std::string& manifest_path,
              std::string message, const std::string& rule, std::string hint);
  DiagnosticEngine& diags_;
};

}  // namespace mpijobc
