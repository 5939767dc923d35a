// `mpijobc import`: an MPIJob's launcher command taken apart into the spec
// fields that make mpijobc generate it (docs/import.md). A command of
// another shape stays the spec's launcher.command, verbatim; the importer
// keeps a decomposition only when building it gives the same argv
// (render/launcher.h: launcher_argv).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/job_spec.h"
#include "support/node.h"

namespace mpijobc {

// The words of a shell script that is one simple command of plain words,
// as sh would split them: blanks separate words, quotes ('…', "…") are
// removed, an `exec` before the command is dropped. nullopt for any other
// script: expansions ($, `, ~, globs, \), operators, redirections,
// assignments, comments, several commands.
std::optional<std::vector<std::string>> simple_command_words(std::string_view script);

// The program a launcher command runs: the command itself, or the words of
// `sh -c SCRIPT` / `bash -c SCRIPT` (also /bin/sh, /bin/bash, /usr/bin/…)
// when SCRIPT is a simple command; nullopt for another script.
std::optional<std::vector<std::string>> launcher_program(const std::vector<std::string>& command);

// The spec fields that turn `job`'s launcher command into mpijobc's own line.
struct LauncherDecomposition {
  JobKind kind = JobKind::MPIJob;
  std::vector<std::string> command;                     // spec.command: the ranks' program
  std::optional<std::vector<std::string>> mpirun_args;  // MPIJob, when not the default transport
  // HorovodJob: spec fields as written, in the order horovodrun takes them.
  std::vector<std::pair<std::string, Node>> horovod;
};

// `argv` (launcher_program of the launcher command) split into the fields
// that mpijobc turns into the same argv for `job`, the lowered spec whose
// launcher.command it is: `mpirun <the flags mpijobc forwards for job>
// [mpirun_args] -np <workers x slots> PROGRAM` or `horovodrun -np N
// --log-level L --network-interface I --min-np A --max-np B --slots-per-host
// <slots> --host-discovery-script P --elastic-timeout T [--verbose]
// PROGRAM`. nullopt when argv has another shape.
std::optional<LauncherDecomposition> decompose_launcher(const std::vector<std::string>& argv,
                                                        const JobSpec& job);

// The imported spec document `doc` with its launcher.command replaced by
// `d` (kind, spec.command and the fields), each value located at the
// launcher command.
Node with_decomposition(const Node& doc, const LauncherDecomposition& d);

}  // namespace mpijobc
