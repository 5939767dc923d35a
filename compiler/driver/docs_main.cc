// mpijobc_docs MAN_PAGE COMPLETION SUMMARY: writes mpijobc's man page and its
// bash completion from the command line that mpijobc parses (driver/cli.h),
// every subcommand's options included. The build runs it (cmake/package.cmake);
// SUMMARY is the man page's NAME line, the project's description.
#include <fstream>
#include <iostream>

#include "driver/cli.h"
#include "driver/completion.h"
#include "driver/man_page.h"

namespace {

bool write(const char* path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (out) return true;
  std::cerr << "mpijobc_docs: cannot write " << path << "\n";
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: mpijobc_docs MAN_PAGE COMPLETION SUMMARY\n";
    return 2;
  }
  CLI::App app;
  const std::vector<mpijobc::Command> commands = mpijobc::define_cli(app);
  mpijobc::add_all_options(commands);
  mpijobc::CliModel cli = mpijobc::describe(app);
  return write(argv[1], mpijobc::man_page(cli, argv[3], MPIJOBC_VERSION)) &&
                 write(argv[2], mpijobc::bash_completion(cli))
             ? 0
             : 1;
}
