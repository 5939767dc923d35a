#include "driver/cli.h"

namespace mpijobc {

std::vector<Command> define_cli(CLI::App& app) {
  app.name("mpijobc");
  app.description(
      "mpijobc compiles MPI and Horovod training job specs (YAML with apiVersion mpijobc/v1, or\n"
      "the DSL in *.mpijob files) into what runs them on Kubernetes: a Kubeflow MPIJob\n"
      "manifest, the launcher script and a Dockerfile. See docs/spec.md for the spec format\n"
      "and docs/dsl.md for the DSL.");
  app.set_version_flag("--version", "mpijobc " MPIJOBC_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 errors in the input (nothing written), 2 usage; run: the job's own.");

  std::vector<Command> commands = {
      add_build_command(app),
      add_run_command(app),
      add_validate_command(app),
      add_schema_command(app),
      add_convert_command(app),
      add_fmt_command(app),
      add_import_command(app),
  };
  // CLI11 calls this when the subcommand is chosen, before parsing its arguments.
  for (const Command& command : commands)
    if (command.add_options)
      command.app->preparse_callback([add = command.add_options](std::size_t) { add(); });
  return commands;
}

void add_all_options(const std::vector<Command>& commands) {
  for (const Command& command : commands)
    if (command.add_options) command.add_options();
}

}  // namespace mpijobc
