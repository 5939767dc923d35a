#include "testing/fixtures.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "frontend/spec_builder.h"
#include "frontend/spec_schema.h"
#include "lower/defaults.h"
#include "lower/deprecated_fields.h"
#include "frontend/documents.h"
#include "validate/spec_checks.h"

namespace mpijobc::testing {

Parsed parse(const std::string& text, const std::string& path) {
  Parsed p;
  p.docs = read_documents(p.sources, p.sources.add(path, text), p.diags);
  return p;
}

namespace {
void dump_to(std::string& out, const Node& n, const std::string& indent) {
  out += std::string(kind_name(n.kind));
  if (n.is_scalar()) out += " '" + n.text + "'";
  out += '\n';
  for (const Node& item : n.items) {
    out += indent + "- ";
    dump_to(out, item, indent + "  ");
  }
  for (const Member& m : n.members) {
    out += indent + m.key + ": ";
    dump_to(out, m.value, indent + "  ");
  }
}
}  // namespace

std::string dump(const Node& n) {
  std::string out;
  dump_to(out, n, "");
  return out;
}

JobSpec lower(const std::string& text, DiagnosticEngine& diags) {
  Parsed p = parse(text);
  REQUIRE_FALSE(p.diags.has_errors());
  if (!SpecSchema::builtin().check(p.doc(), diags)) return {};
  JobSpec job = build_spec(p.doc(), "t.yaml");
  lower_deprecated_fields(job, diags);
  apply_defaults(job, diags);
  check_spec(job, diags);
  return job;
}

JobSpec lower_ok(const std::string& text) {
  DiagnosticEngine diags;
  JobSpec job = lower(text, diags);
  INFO(text);
  for (const std::string& m : messages(diags)) INFO(m);
  REQUIRE_FALSE(diags.has_errors());
  return job;
}

std::vector<std::string> messages(const DiagnosticEngine& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all())
    out.push_back(std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " +
                  (d.path.empty() ? "" : d.path + ": ") + d.message + " [" + d.rule + "]");
  return out;
}

std::string spec(const std::string& kind, const std::string& extra) {
  return "apiVersion: mpijobc/v1\nkind: " + kind + "\nmetadata: {name: job}\nspec:\n"
         "  image: example.com/img:1\n  command: [python, train.py]\n" + extra;
}

}  // namespace mpijobc::testing
