// The DSL front end's parser: text of a .mpijob file -> dsl::File, with the
// comments attached for the formatter. Lexical and syntax errors are all
// reported (file:line:col, rule dsl/syntax); then the result is nullopt.
#pragma once

#include <optional>

#include "dsl/ast.h"
#include "dsl/syntax_errors.h"
#include "support/diagnostics.h"

namespace mpijobc::dsl {

std::optional<File> parse(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                          const DslLimits& limits = {});

// Like parse, but a file with errors still gives the jobs that no error
// touches (none is inside them, and the parser did not have to mend them),
// so that the checks after parsing can report on those too.
File parse_sound_jobs(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags);

}  // namespace mpijobc::dsl
