// launcher.sh: the launcher entrypoint. It execs mpirun (MPIJob) or
// horovodrun (HorovodJob) from PATH with flytekit's flags and -np =
// workers x slots, or the spec's own launcher command. It needs nothing
// that only a pod has, so it also runs on a workstation.
#pragma once

#include <optional>
#include <string>

#include "model/job_spec.h"
#include "render/templates.h"

namespace mpijobc {

std::optional<std::string> render_launcher(const JobSpec& job, const Templates& templates,
                                           DiagnosticEngine& diags);

}  // namespace mpijobc
