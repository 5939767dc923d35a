// `mpijobc schema`: prints the job spec's JSON Schema (the one compiled into
// the binary), for editors such as yaml-language-server.
#include <iostream>

#include "driver/command.h"
#include "support/embedded.h"

namespace mpijobc {

Command add_schema_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("schema", "Print the job spec's JSON Schema (for editors)");
  cmd->footer(
      "Save it and point yaml-language-server at it with a first line in your spec:\n"
      "  # yaml-language-server: $schema=./mpijobc-v1.schema.json\n"
      "Example: mpijobc schema > mpijobc-v1.schema.json");
  return {cmd, nullptr, [] {
            std::cout << *embedded_file("mpijobc-v1.schema.json");
            return kExitOk;
          }};
}

}  // namespace mpijobc
