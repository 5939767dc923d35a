// Helpers for the end-to-end tests: run a command, read files, temp dirs,
// and skipping when a tool or the upstream data is not on this machine.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "testing/temp_dir.h"

namespace e2e {

using test_support::TempDir;

struct Result {
  int status = -1;  // exit code
  std::string out, err;
};

// Runs `command` with /bin/sh; captures stdout and stderr.
Result run(const std::string& command);

std::string quote(const std::string& s);  // for building shell commands
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);
bool exists(const std::string& path);
bool have_tool(const std::string& name);
// Files under `dir` (recursively), relative, sorted.
std::vector<std::string> list_files(const std::string& dir);
// Every file and directory under `dir` (recursively), relative, sorted.
std::vector<std::string> list_all(const std::string& dir);

// A small valid job spec (YAML): `metadata: {name: <name>[, namespace: <ns>]}` on line 3.
std::string job_spec(const std::string& name, const std::string& ns = "", int replicas = 1);

std::string mpijobc();           // the built binary
std::string source_dir();        // the repository
std::string upstream_dir();      // shared/upstream beside the repository, or $MPIJOBC_UPSTREAM
std::vector<std::string> samples();  // samples/*.yaml, relative to source_dir()

// Every output file of `mpijobc build -q SPEC -o DIR/deploy` (which must
// succeed), as (relative path, content), with the spec's path in the
// generated-file header replaced by SPEC, so that builds of different spec
// files compare equal when they generate the same.
std::vector<std::pair<std::string, std::string>> build_outputs(const std::string& spec,
                                                               const TempDir& dir);

// Ends this test as skipped (ctest SKIP_RETURN_CODE 77) with a message.
[[noreturn]] void skip(const std::string& why);

}  // namespace e2e
