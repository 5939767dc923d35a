#include "lower/deprecated_fields.h"

#include "lower/fix_syntax.h"

namespace mpijobc {
namespace {

// One deprecated count and the replica field that replaces it.
void lower_count(Field<int64_t>& old_field, const char* old_name, Field<int64_t>& replicas,
                 const char* role, const FixSyntax& syntax, DiagnosticEngine& diags) {
  std::string new_path = std::string("spec.") + role + ".replicas";
  if (!old_field.set()) return;
  if (replicas.set()) {
    diags.error(old_field.origin.loc, old_field.origin.path,
                std::string("deprecated '") + old_name + "' set together with '" + new_path +
                    "' (line " + std::to_string(replicas.origin.loc.line) + ")",
                std::string("remove '") + old_name + "' and keep '" + role + ".replicas'",
                "spec/deprecated-conflict");
    return;
  }
  std::string value = std::to_string(*old_field);
  diags.warning(old_field.origin.loc, old_field.origin.path,
                std::string("'") + old_name + "' is deprecated; read as " + new_path + ": " + value,
                "replace '" + syntax.field(old_name, value) + "' with '" +
                    syntax.nested(role, "replicas", value) + "'",
                "spec/deprecated-field");
  replicas.assign(*old_field, old_field.origin);
}

}  // namespace

void lower_deprecated_fields(JobSpec& job, DiagnosticEngine& diags) {
  FixSyntax syntax(job);
  lower_count(job.num_workers, "num_workers", job.worker.replicas, "worker", syntax, diags);
  lower_count(job.num_launcher_replicas, "num_launcher_replicas", job.launcher.replicas,
              "launcher", syntax, diags);

  if (!job.worker.replicas.set() && !job.num_workers.set())
    diags.error(job.worker.origin.loc, "spec.worker.replicas", "missing the number of workers",
                "add '" + syntax.nested("worker", "replicas", "N") + "' " + syntax.spec_place(),
                "spec/worker-count");

  if (job.launcher.replicas.set() && *job.launcher.replicas != 1)
    diags.error(job.launcher.replicas.origin.loc, job.launcher.replicas.origin.path,
                "must be 1, got " + std::to_string(*job.launcher.replicas) +
                    ": an MPIJob has exactly one launcher",
                "remove it; it defaults to 1", "spec/launcher-replicas");
}

}  // namespace mpijobc
