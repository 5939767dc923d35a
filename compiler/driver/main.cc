// mpijobc: compiles MPI / Horovod job specs into Kubeflow MPIJob manifests,
// launcher scripts and Dockerfiles. The command line is defined in
// driver/cli.cc, each subcommand in its own driver/cmd_<name>.cc; this file
// only parses and dispatches.
#include <iostream>

#include "driver/cli.h"

int main(int argc, char** argv) {
  CLI::App app;
  const std::vector<mpijobc::Command> commands = mpijobc::define_cli(app);
  // CLI11 would say only "A subcommand is required".
  if (argc > 1 && !mpijobc::check_command_name(commands, argv[1], std::cerr))
    return mpijobc::kExitUsage;
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
