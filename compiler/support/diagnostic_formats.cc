#include "support/diagnostic_formats.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

namespace mpijobc {
namespace {

// A URI reference for a path: unreserved characters and '/' as they are,
// everything else percent-encoded (RFC 3986); an absolute path is a file:
// URI (RFC 8089), a relative one stays relative.
std::string uri_of(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = path.rfind('/', 0) == 0 ? "file://" : "";
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

size_t count(const std::vector<Diagnostic>& diags, Severity severity) {
  return static_cast<size_t>(std::count_if(diags.begin(), diags.end(),
                                           [&](const Diagnostic& d) { return d.severity == severity; }));
}

nlohmann::json summary(const std::vector<Diagnostic>& diags, const RunCounts& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, n] : counts) {
    std::string key = name;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    out[key] = n;
  }
  out["errors"] = count(diags, Severity::Error);
  out["warnings"] = count(diags, Severity::Warning);
  return out;
}

// A rule as SARIF's driver lists it: a short description made of its pass
// and the words of its name ("lint/np-slots": "Lint: np slots"), the
// section of docs/spec.md that documents it (under `docs_url`), and its
// level (a rule has one severity: `level`, that of its findings).
nlohmann::json rule_descriptor(const std::string& id, Severity level, const std::string& docs_url) {
  static const std::pair<const char*, const char*> passes[] = {
      {"input", "Input"}, {"io", "Input and output"}, {"dsl", "DSL"}, {"yaml", "YAML"},
      {"schema", "Job spec schema"}, {"spec", "Job spec"}, {"pod", "Pod override"},
      {"lint", "Lint"}, {"mpijob", "Operator rule (kubeflow.org/v2beta1)"},
      {"mpijob-v1", "Operator rule (kubeflow.org/v1)"},
      {"mpijob-bdap", "Operator rule (batch.test.bdap.com/v1)"}, {"manifest", "Manifest"},
      {"crd", "CRD schema"}, {"target", "Target"}, {"output", "Output"}, {"convert", "convert"},
      {"import", "import"}, {"run", "run --local"}, {"template", "Template"}};
  static const std::pair<const char*, const char*> sections[] = {
      {"lint", "lints"}, {"crd", "built-in-crd-schemas"}, {"target", "targets"},
      {"pod", "pod-overrides-pod-launcherpod-workerpod"}};
  size_t slash = id.find('/');
  std::string prefix = id.substr(0, slash), name = slash == std::string::npos ? id : id.substr(slash + 1);
  std::string pass = prefix, section = "checks";
  for (const auto& [p, title] : passes)
    if (prefix == p) pass = title;
  for (const auto& [p, anchor] : sections)
    if (prefix == p) section = anchor;
  std::replace(name.begin(), name.end(), '-', ' ');
  return {{"id", id},
          {"shortDescription", {{"text", pass + ": " + name}}},
          {"helpUri", docs_url + "/spec.md#" + section},
          {"defaultConfiguration", {{"level", severity_name(level)}}}};
}

// "1 file", "2 files"; "MPIJobs" -> "1 MPIJob".
std::string counted(size_t n, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? plural.substr(0, plural.size() - 1) : plural);
}

}  // namespace

std::string summary_line(const std::vector<Diagnostic>& diags, const RunCounts& counts) {
  std::string out;
  for (const auto& [name, n] : counts) out += (out.empty() ? "" : ", ") + counted(n, name);
  if (!out.empty()) out += " checked; ";
  return out + counted(count(diags, Severity::Error), "errors") + ", " +
         counted(count(diags, Severity::Warning), "warnings");
}

std::string to_json(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                    const RunCounts& counts) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Diagnostic& d : diags) {
    nlohmann::json f;
    f["file"] = d.loc.valid() ? nlohmann::json(sources.path(d.loc.file)) : nlohmann::json();
    f["line"] = d.loc.has_line() ? nlohmann::json(d.loc.line) : nlohmann::json();
    f["column"] = d.loc.has_line() ? nlohmann::json(d.loc.column) : nlohmann::json();
    f["severity"] = severity_name(d.severity);
    f["rule"] = d.rule;
    f["message"] = d.message;
    f["path"] = d.path;
    f["hint"] = d.hint;
    findings.push_back(std::move(f));
  }
  nlohmann::json out = {{"findings", std::move(findings)}, {"summary", summary(diags, counts)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string to_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                     const std::string& version, const std::string& docs_url,
                     const RunCounts& counts) {
  std::map<std::string, Severity> rule_levels;  // the rules of the results
  nlohmann::json results = nlohmann::json::array();
  // Findings of no file (input/empty): code scanning drops results without
  // a location, so they are the invocation's notifications.
  nlohmann::json notifications = nlohmann::json::array();
  bool failed = false;
  for (const Diagnostic& d : diags) {
    failed = failed || d.severity == Severity::Error;
    nlohmann::json r;
    r["level"] = severity_name(d.severity);
    std::string message = (d.path.empty() ? "" : d.path + ": ") + d.message;
    if (!d.hint.empty()) message += " (" + d.hint + ")";
    r["message"] = {{"text", message}};
    if (!d.loc.valid()) {
      if (!d.rule.empty()) r["descriptor"] = {{"id", d.rule}};
      notifications.push_back(std::move(r));
      continue;
    }
    if (!d.rule.empty()) {
      r["ruleId"] = d.rule;
      rule_levels.emplace(d.rule, d.severity);
    }
    nlohmann::json location = {{"artifactLocation", {{"uri", uri_of(sources.path(d.loc.file))}}}};
    if (d.loc.has_line())
      location["region"] = {{"startLine", d.loc.line}, {"startColumn", d.loc.column}};
    r["locations"] = {{{"physicalLocation", location}}};
    if (!d.path.empty()) r["properties"] = {{"fieldPath", d.path}};
    results.push_back(std::move(r));
  }
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& [id, level] : rule_levels) rules.push_back(rule_descriptor(id, level, docs_url));
  nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool",
          {{"driver",
            {{"name", "mpijobc"}, {"version", version}, {"rules", rules}}}}},
         {"invocations",
          {{{"executionSuccessful", !failed}, {"toolExecutionNotifications", notifications}}}},
         {"results", results},
         {"properties", {{"summary", summary(diags, counts)}}}}}}};
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mpijobc
