// The front ends' entry point: the spec documents of a file, read by the
// front end its name selects (*.mpijob: the DSL; anything else: YAML). Both
// give the same located Node documents, so everything after is shared.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

bool is_dsl_path(std::string_view path);

// Registers the file's contents; 0 (and an io/read error) when it cannot be
// read.
uint32_t load_file(SourceManager& sources, const std::string& path, DiagnosticEngine& diags);
// Reads the text of a file registered without one (SourceManager::add_path);
// false (and an io/read error) when it cannot be read.
bool read_file(SourceManager& sources, uint32_t file, DiagnosticEngine& diags);

// The documents of a registered file. Safe on several threads at once (the
// DSL's ANTLR runtime is not, so DSL files are parsed one at a time).
std::vector<Node> read_documents(const SourceManager& sources, uint32_t file,
                                 DiagnosticEngine& diags);

}  // namespace mpijobc
