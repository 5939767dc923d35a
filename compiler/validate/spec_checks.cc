#include "validate/spec_checks.h"

#include <algorithm>

#include "support/quantity.h"
#include "validate/rank_counts.h"

namespace mpijobc {
namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

// [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?, at most 63 characters.
bool is_label_name(std::string_view s) {
  if (s.empty() || s.size() > 63 || !alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

void check_map(const std::vector<KeyValue>& entries, bool labels, DiagnosticEngine& diags) {
  const char* what = labels ? "label" : "annotation";
  size_t total = 0;
  for (const KeyValue& kv : entries) {
    std::string why = qualified_name_error(kv.key);
    if (!why.empty())
      diags.error(kv.origin.loc, kv.origin.path,
                  std::string("invalid ") + what + " key '" + kv.key + "': " + why,
                  "keys look like 'team' or 'example.com/team'", "spec/metadata-key");
    if (labels && !kv.value.empty() && !is_label_name(kv.value))
      diags.error(kv.value_loc, kv.origin.path,
                  "invalid label value '" + kv.value +
                      "': at most 63 letters, digits, '-', '_' or '.', starting and ending "
                      "with a letter or digit",
                  "put free text in an annotation instead", "spec/metadata-value");
    total += kv.key.size() + kv.value.size();
  }
  if (!labels && total > 256 * 1024 && !entries.empty())
    diags.error(entries.front().origin.loc, "metadata.annotations",
                "annotations total " + std::to_string(total) + " bytes; Kubernetes allows 262144",
                {}, "spec/metadata-size");
}

void check_env(const std::vector<KeyValue>& env, DiagnosticEngine& diags) {
  for (const KeyValue& kv : env) {
    bool ok = !kv.key.empty() && !(kv.key[0] >= '0' && kv.key[0] <= '9');
    for (char c : kv.key) ok = ok && (alnum(c) || c == '_');
    if (!ok)
      diags.error(kv.origin.loc, kv.origin.path,
                  "invalid environment variable name '" + kv.key + "'",
                  "use letters, digits and '_', not starting with a digit, so every shell and "
                  "mpirun -x can pass it on",
                  "spec/env-name");
  }
}

void check_gpus(const Role& role, const char* name, DiagnosticEngine& diags) {
  const Field<std::string>& req = role.requests.gpu;
  const Field<std::string>& lim = role.limits.gpu;
  if (req.set() && lim.set() && *req != *lim)
    diags.error(req.origin.loc, req.origin.path,
                "GPU request " + *req + " differs from the limit " + *lim +
                    " (line " + std::to_string(lim.origin.loc.line) +
                    "); Kubernetes requires them to be equal",
                std::string("set only spec.") + name + ".limits.gpu, or make both equal",
                "spec/gpu-request-limit");
}

// A quantity written as a YAML or DSL number is taken as written, like any
// text field: the schema's quantity pattern only sees strings, so `0x1F`,
// `.inf` or `-0` are caught here before they reach a manifest.
void check_quantities(const Resources& res, DiagnosticEngine& diags) {
  for (const Field<std::string>* f : {&res.cpu, &res.mem, &res.gpu, &res.ephemeral_storage})
    if (f->set() && !parse_quantity(**f))
      diags.error(f->origin.loc, f->origin.path, "'" + **f + "' is not a Kubernetes quantity",
                  "numbers are taken as written: write it in decimal, e.g. 2, 0.5 or 1e3",
                  "spec/quantity");
}

// The API server rejects a container whose request exceeds its limit.
void check_request_within_limit(const Field<std::string>& req, const Field<std::string>& lim,
                                const char* name, DiagnosticEngine& diags) {
  if (!req.set() || !lim.set()) return;
  auto r = parse_quantity(*req), l = parse_quantity(*lim);
  if (r && l && *r > *l)
    diags.error(req.origin.loc, req.origin.path,
                std::string(name) + " request " + *req + " is above the limit " + *lim + " (line " +
                    std::to_string(lim.origin.loc.line) + "); Kubernetes rejects the pod",
                "lower the request or raise the limit", "spec/requests-above-limits");
}

void check_requests_within_limits(const Role& role, DiagnosticEngine& diags) {
  check_request_within_limit(role.requests.cpu, role.limits.cpu, "cpu", diags);
  check_request_within_limit(role.requests.mem, role.limits.mem, "mem", diags);
  check_request_within_limit(role.requests.ephemeral_storage, role.limits.ephemeral_storage,
                             "ephemeral_storage", diags);
}

// Elastic Horovod starts with worker.replicas workers and keeps between
// min_replicas and max_replicas of them.
void check_elastic_range(const JobSpec& job, DiagnosticEngine& diags) {
  const HorovodOptions& h = job.horovod;
  if (job.kind != JobKind::HorovodJob || !job.worker.replicas.set()) return;
  int64_t replicas = *job.worker.replicas;
  if (*h.min_replicas > replicas)
    diags.error(h.min_replicas.origin.loc, h.min_replicas.origin.path,
                "min_replicas " + std::to_string(*h.min_replicas) + " is above worker.replicas " +
                    std::to_string(replicas) + ": the job starts with worker.replicas workers",
                "lower min_replicas or raise worker.replicas", "spec/elastic-range");
  if (*h.max_replicas < replicas)
    diags.error(h.max_replicas.origin.loc, h.max_replicas.origin.path,
                "max_replicas " + std::to_string(*h.max_replicas) + " is below worker.replicas " +
                    std::to_string(replicas) + ": the job starts with worker.replicas workers",
                "raise max_replicas or lower worker.replicas", "spec/elastic-range");
}

// The launcher runs `exec <launcher.command>`: exec takes the program first,
// and POSIX leaves `exec -x` undefined (dash: not found; bash: invalid option).
void check_launcher_program(const JobSpec& job, DiagnosticEngine& diags) {
  const Field<std::vector<std::string>>& command = job.launcher.command;
  if (!command.set() || command->empty() || command->front().rfind('-', 0) != 0) return;
  Origin first = command.origin.item(0);
  diags.error(first.loc, first.path,
              "launcher.command starts with the option '" + command->front() +
                  "', not a program: the launcher would run exec " + command->front() +
                  ", which sh does not take",
              "start launcher.command with the program, such as mpirun", "spec/launcher-command");
}

// mpirun, mpiexec, orterun, horovodrun, also as mpirun.openmpi or /usr/bin/mpirun.
bool is_mpi_launcher(std::string_view program) {
  program = program.substr(program.rfind('/') + 1);
  program = program.substr(0, program.find('.'));
  for (std::string_view launcher : {"mpirun", "mpiexec", "orterun", "horovodrun"})
    if (program == launcher) return true;
  return false;
}

// How many values an option of mpirun, mpiexec or horovodrun takes (0 for a
// flag, and for --opt=value).
int option_values(std::string_view option) {
  for (std::string_view two : {"-mca", "--mca", "-gmca", "--gmca", "-genv", "-env"})
    if (option == two) return 2;
  for (std::string_view one :
       {"-np", "-n", "--np", "-c", "-H", "--host", "-host", "-hosts", "--hostfile", "-hostfile",
        "-machinefile", "--machinefile", "-f", "-ppn", "-npernode", "--npernode", "-x", "-bind-to",
        "--bind-to", "-map-by", "--map-by", "-rank-by", "--rank-by", "-genvlist", "-iface",
        "-launcher", "-launcher-exec", "-p", "--min-np", "--max-np", "--slots-per-host",
        "--host-discovery-script", "--network-interface", "--log-level", "--mpi-args",
        "--elastic-timeout", "--start-timeout"})
    if (option == one) return 1;
  return 0;
}

// Options whose job the generated line already does: the rank count, the
// hosts, running as root.
bool generated_option(std::string_view option) {
  for (std::string_view o :
       {"-np", "-n", "--np", "-c", "-H", "--host", "-host", "-hosts", "--hostfile", "-hostfile",
        "-machinefile", "--machinefile", "-f", "-ppn", "-npernode", "--npernode",
        "--allow-run-as-root", "-p", "--min-np", "--max-np", "--slots-per-host",
        "--host-discovery-script"})
    if (option == o) return true;
  return false;
}

// A word of a YAML flow list, double-quoted unless it is plain.
std::string flow_word(const std::string& word) {
  bool plain = !word.empty() && word.find_first_not_of(
                                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                    "_./=+-") == std::string::npos;
  if (plain && word != "-") return word;
  std::string quoted = "\"";
  for (char c : word) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string flow_list(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + flow_word(w);
  return "[" + out + "]";
}

// The launcher writes `mpirun <flags> -np N <command>` itself: a command that
// starts with mpirun would run mpirun under mpirun.
void check_command_program(const JobSpec& job, DiagnosticEngine& diags) {
  const Field<std::vector<std::string>>& command = job.command;
  if (job.launcher.command.set() || !command.set() || command->empty() ||
      !is_mpi_launcher(command->front()))
    return;
  std::vector<std::string> options;
  size_t i = 1;
  while (i < command->size() && (*command)[i].size() > 1 && (*command)[i].front() == '-') {
    size_t end = std::min(command->size(), i + 1 + option_values((*command)[i]));
    if (!generated_option((*command)[i]))
      options.insert(options.end(), command->begin() + i, command->begin() + end);
    i = end;
  }
  std::vector<std::string> program(command->begin() + i, command->end());
  std::string launcher = job.kind == JobKind::MPIJob ? "mpirun" : "horovodrun";
  std::string hint = "make command the program alone, " +
                     (program.empty() ? std::string("[python, train.py]") : flow_list(program)) +
                     "; the ranks are worker.replicas x slots";
  if (!options.empty())
    hint += job.kind == JobKind::MPIJob
                ? ", and the other options go in mpirun_args: " + flow_list(options)
                : ", and horovodrun's other options are spec fields (docs/spec.md)";
  Origin first = command.origin.item(0);
  diags.error(first.loc, first.path,
              "command starts with '" + command->front() + "', but the launcher runs " + launcher +
                  " itself: it would run " + launcher + " ... " + command->front() +
                  " ..., a launcher in every rank",
              hint, "spec/command-launcher");
}

}  // namespace

bool is_dns1123_label(std::string_view s) {
  if (s.empty() || s.size() > 63 || !lower_alnum(s.front()) || !lower_alnum(s.back()))
    return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

bool is_dns1123_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty() || !lower_alnum(part.front()) || !lower_alnum(part.back())) return false;
    for (char c : part)
      if (!lower_alnum(c) && c != '-') return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_dns1035_label(std::string_view s) {
  return is_dns1123_label(s) && s.front() >= 'a' && s.front() <= 'z';
}

std::string qualified_name_error(std::string_view key) {
  size_t slash = key.find('/');
  std::string_view name = key;
  if (slash != std::string_view::npos) {
    std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (!is_dns1123_subdomain(prefix))
      return "the prefix before '/' must be a DNS subdomain such as example.com";
  }
  if (!is_label_name(name))
    return "the name must be at most 63 letters, digits, '-', '_' or '.', starting and ending "
           "with a letter or digit";
  return {};
}

void check_spec(const JobSpec& job, DiagnosticEngine& diags) {
  check_map(job.labels, true, diags);
  check_map(job.annotations, false, diags);
  check_env(job.env, diags);
  for (const Resources* res : {&job.launcher.requests, &job.launcher.limits, &job.worker.requests,
                               &job.worker.limits, &job.run_policy.scheduling.min_resources})
    check_quantities(*res, diags);
  check_gpus(job.launcher, "launcher", diags);
  check_gpus(job.worker, "worker", diags);
  check_requests_within_limits(job.launcher, diags);
  check_requests_within_limits(job.worker, diags);
  check_elastic_range(job, diags);
  check_rank_counts(job, diags);
  check_launcher_program(job, diags);
  check_command_program(job, diags);
}

}  // namespace mpijobc
