// Machine-readable diagnostics for CI and code scanning: JSON (one object
// per finding) and SARIF 2.1.0 (what GitHub code scanning uploads). The
// text format is print_text in diagnostics.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/diagnostics.h"

namespace mpijobc {

enum class DiagnosticFormat { Text, Json, Sarif };

// What a run looked at, in the order its summary names them:
// {"files", 12}, {"MPIJobs", 15}, {"specs", 3}.
using RunCounts = std::vector<std::pair<std::string, size_t>>;

// {"findings": [...], "summary": {...}}: per finding {"file", "line",
// "column", "severity", "rule", "message", "path", "hint"} (file/line/column
// null when unlocated); the summary has the counts (keys in lower case:
// "files", "mpijobs") and the "errors" and "warnings" among the findings.
std::string to_json(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                    const RunCounts& counts = {});

// A SARIF 2.1.0 log with one run of tool "mpijobc" (`version`); the rules
// that fired are listed in the driver, each with its helpUri under
// `docs_url`, the base of the docs (an absolute URI, without a trailing '/':
// `docs_url`/spec.md#checks); results point at file:line:column; the run's
// properties hold the summary of to_json.
std::string to_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                     const std::string& version, const std::string& docs_url,
                     const RunCounts& counts = {});

// The summary as a line: "12 files, 15 MPIJobs, 3 specs checked; 2 errors, 1 warning".
std::string summary_line(const std::vector<Diagnostic>& diags, const RunCounts& counts);

}  // namespace mpijobc
