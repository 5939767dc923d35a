// Whether the job's user (model/image_user.h) can work: every pod runs as
// the same user and group (the image has one), root's keys are under /root,
// and a non-root user's keys are in a home directory of its own whose path
// an sshd config and a Dockerfile take as written. Rule ids
// spec/run-as-user and spec/ssh-auth-mount-path.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

void check_image_user(const JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc
