// The front ends' entry point: the spec documents of a file, read by the
// front end its name selects (*.mpijob: the DSL; anything else: YAML). Both
// give the same located Node documents, so everything after is shared.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

bool is_dsl_path(std::string_view path);

// The hint for input without a job spec, in the words of both syntaxes.
inline constexpr const char* kNoSpecHint =
    "a job spec starts with 'apiVersion: mpijobc/v1' in YAML, or with 'MPIJob NAME {' or "
    "'HorovodJob NAME {' in the DSL (*.mpijob)";

// Whether a file can hold a job spec or an object of one of `kinds`, from its
// text alone, so that other YAML in a repository (Helm templates, GitLab CI's
// !reference, CloudFormation's !Sub) is never parsed: *.mpijob files always;
// others when their text has `apiVersion: mpijobc/v1`, `kind: K` or
// `apiVersion: A` (one of `api_versions`) where a document's own key can be:
// at the start of a line, or after '{' or ',' (flow mappings, JSON); keys and
// values plain or quoted.
bool may_hold_documents(std::string_view path, std::string_view text,
                        const std::vector<std::string>& kinds,
                        const std::vector<std::string>& api_versions = {});

// "-" on a command line: standard input, named "<stdin>" in findings unless
// --stdin-filename names it (whose name then also picks the syntax).
inline constexpr std::string_view kStdinArg = "-";
inline constexpr std::string_view kStdinName = "<stdin>";

// Registers a command-line input to be read by read_file: standard input
// (named `stdin_name`) for "-", else the file at that path.
uint32_t add_input(SourceManager& sources, const std::string& arg, const std::string& stdin_name);

// Registers the file's contents; 0 (and an io/read error) when it cannot be
// read.
uint32_t load_file(SourceManager& sources, const std::string& path, DiagnosticEngine& diags);
// Reads the text of a file registered without one (SourceManager::add_path,
// add_stdin); false (and an io/read error) when it cannot be read.
bool read_file(SourceManager& sources, uint32_t file, DiagnosticEngine& diags);

// The documents of a registered file. Safe on several threads at once (the
// DSL's ANTLR runtime is not, so DSL files are parsed one at a time).
std::vector<Node> read_documents(const SourceManager& sources, uint32_t file,
                                 DiagnosticEngine& diags);

// A value a front end refuses (a DSL duration that is none, an integer
// outside 64 bits) is reported as an error at the value, which stays in the
// document so that the schema checks the rest of it in the same run. The
// places (file, line, column) of the values of `doc` that `diags` has an error
// at: the schema reports nothing more there, and the document is checked no
// further (the model would read a hole).
using Places = std::set<std::tuple<uint32_t, uint32_t, uint32_t>>;
Places refused_values(const Node& doc, const DiagnosticEngine& diags);

}  // namespace mpijobc
