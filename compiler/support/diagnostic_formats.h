// Machine-readable diagnostics for CI and code scanning: JSON (one object
// per finding) and SARIF 2.1.0 (what GitHub code scanning uploads). The
// text format is print_text in diagnostics.h.
#pragma once

#include <string>
#include <vector>

#include "support/diagnostics.h"

namespace mpijobc {

enum class DiagnosticFormat { Text, Json, Sarif };

// A JSON array: {"file", "line", "column", "severity", "rule", "message",
// "path", "hint"} per finding; file/line/column are null when unlocated.
std::string to_json(const SourceManager& sources, const std::vector<Diagnostic>& diags);

// A SARIF 2.1.0 log with one run of tool "mpijobc" (`version`); the rules
// that fired are listed in the driver, results point at file:line:column.
std::string to_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                     const std::string& version);

}  // namespace mpijobc
