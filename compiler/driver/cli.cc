#include "driver/cli.h"

#include "support/suggest.h"

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

bool check_command_name(const std::vector<Command>& commands, const std::string& word,
                        std::ostream& err) {
  if (word.empty() || word[0] == '-') return true;
  std::vector<std::string> names;
  for (const Command& command : commands) {
    if (command.app->get_name() == word) return true;
    names.push_back(command.app->get_name());
  }
  err << "mpijobc: error: unknown command '" << word << "'\n";
  std::string match = closest_match(word, names);
  if (!match.empty()) {
    err << "note: did you mean '" << match << "'?\n";
  } else {
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    err << "note: the commands are " << list << "\n";
  }
  return false;
}

}  // namespace mpijobc
