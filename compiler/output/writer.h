// Writes a set of files all or nothing. Every new file is first written in
// full next to its destination, then all are renamed into place; if any
// step fails, the temporaries and any directories created are removed and
// the tree is as before. Files whose content is unchanged are not rewritten
// (their timestamps stay).
#pragma once

#include <string>
#include <vector>

#include "driver/compile.h"
#include "support/diagnostics.h"

namespace mpijobc {

struct WriteResult {
  bool ok = false;
  std::vector<std::string> written;    // paths written (new or changed)
  std::vector<std::string> unchanged;  // paths left as they were
};

// Paths are relative to `out_dir` ("" is the working directory) unless absolute.
WriteResult write_all(const std::string& out_dir, const std::vector<OutputFile>& files,
                      DiagnosticEngine& diags);

}  // namespace mpijobc
