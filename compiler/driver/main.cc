// mpijobc: compiles MPI / Horovod job specs into Kubeflow MPIJob manifests,
// launcher scripts and Dockerfiles. Each subcommand lives in its own
// driver/cmd_<name>.cc; this file only dispatches.
#include <vector>

#include "driver/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "mpijobc compiles MPI and Horovod training job specs (YAML with apiVersion mpijobc/v1, or\n"
      "the DSL in *.mpijob files) into what runs them on Kubernetes: a Kubeflow MPIJob\n"
      "manifest, the launcher script and a Dockerfile. See docs/spec.md for the spec format\n"
      "and docs/dsl.md for the DSL.",
      "mpijobc"};
  app.set_version_flag("--version", "mpijobc " MPIJOBC_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 errors in the input (nothing written), 2 usage; run: the job's own.");

  const std::vector<mpijobc::Command> commands = {
      mpijobc::add_build_command(app),
      mpijobc::add_run_command(app),
      mpijobc::add_validate_command(app),
      mpijobc::add_schema_command(app),
      mpijobc::add_convert_command(app),
      mpijobc::add_fmt_command(app),
  };
  // CLI11 calls this when the subcommand is chosen, before parsing its arguments.
  for (const mpijobc::Command& command : commands)
    if (command.add_options)
      command.app->preparse_callback([&command](std::size_t) { command.add_options(); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return mpijobc::kExitUsage;
  }
  for (const mpijobc::Command& command : commands)
    if (command.app->parsed()) return command.run();
  return mpijobc::kExitOk;
}
