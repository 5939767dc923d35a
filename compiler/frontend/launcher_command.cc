#include "frontend/launcher_command.h"

#include <algorithm>
#include <cctype>

#include "render/mpi_flavor.h"

namespace mpijobc {
namespace {

// Characters that are literal outside quotes in sh and bash wherever they
// stand in a word.
bool plain_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./:,+@%^=").find(c) !=
                                                            std::string_view::npos;
}

bool is_reserved_word(const std::string& w) {
  for (const char* r : {"if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while",
                        "until", "for", "in", "function", "select", "time", "coproc"})
    if (w == r) return true;
  return false;
}

std::optional<int64_t> decimal(const std::string& s) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<LauncherDecomposition> decompose_mpirun(const std::vector<std::string>& argv,
                                                      const JobSpec& job) {
  // What mpijobc puts before -np for this job: the forwarding flags, then
  // mpirun_args or the implementation's transport defaults.
  JobSpec bare = job;
  bare.mpirun_args.assign({}, {});
  const std::vector<std::string> forwarded = mpirun_flags(bare);
  JobSpec defaults = job;
  defaults.mpirun_args = {};
  const std::vector<std::string> transport = [&] {
    std::vector<std::string> all = mpirun_flags(defaults);
    return std::vector<std::string>(all.begin() + static_cast<long>(forwarded.size()), all.end());
  }();
  auto np = std::find(argv.begin() + 1, argv.end(), "-np");
  if (argv.end() - np < 3 || np[1] != std::to_string(job.processes())) return std::nullopt;
  const std::vector<std::string> flags(argv.begin() + 1, np);
  if (flags.size() < forwarded.size() ||
      !std::equal(forwarded.begin(), forwarded.end(), flags.begin()))
    return std::nullopt;
  LauncherDecomposition d;
  d.command.assign(np + 2, argv.end());
  std::vector<std::string> rest(flags.begin() + static_cast<long>(forwarded.size()), flags.end());
  if (rest != transport) d.mpirun_args = std::move(rest);
  return d;
}

std::optional<LauncherDecomposition> decompose_horovodrun(const std::vector<std::string>& argv,
                                                          const JobSpec& job) {
  // horovodrun -np N --log-level L --network-interface I --min-np A --max-np B
  // --slots-per-host S --host-discovery-script P --elastic-timeout T [--verbose] PROGRAM
  const char* options[] = {"-np", "--log-level", "--network-interface", "--min-np", "--max-np",
                           "--slots-per-host", "--host-discovery-script", "--elastic-timeout"};
  if (argv.size() < 18) return std::nullopt;
  for (size_t i = 0; i < 8; ++i)
    if (argv[1 + 2 * i] != options[i]) return std::nullopt;
  const int64_t slots = *job.slots;
  const int64_t launcher = job.run_launcher_as_worker.set() && *job.run_launcher_as_worker ? 1 : 0;
  std::optional<int64_t> min_np = decimal(argv[8]), max_np = decimal(argv[10]),
                         timeout = decimal(argv[16]);
  if (argv[2] != std::to_string(job.processes()) || argv[12] != std::to_string(slots) ||
      !min_np || !max_np || !timeout || *min_np % slots || *max_np % slots)
    return std::nullopt;
  size_t program = argv[17] == "--verbose" ? 18 : 17;
  if (program == argv.size()) return std::nullopt;
  LauncherDecomposition d;
  d.kind = JobKind::HorovodJob;
  d.command.assign(argv.begin() + static_cast<long>(program), argv.end());
  auto& h = d.horovod;
  h.emplace_back("log_level", Node::string(argv[4]));
  h.emplace_back("network_interface", Node::string(argv[6]));
  h.emplace_back("discovery_script_path", Node::string(argv[14]));
  h.emplace_back("elastic_timeout", Node::integer(*timeout));
  const int64_t workers = *job.worker.replicas;
  if (*min_np / slots - launcher != workers)
    h.emplace_back("min_replicas", Node::integer(*min_np / slots - launcher));
  if (*max_np / slots - launcher != workers)
    h.emplace_back("max_replicas", Node::integer(*max_np / slots - launcher));
  if (program == 18) h.emplace_back("verbose", Node::boolean(true));
  return d;
}

Node* find(Node& map, std::string_view key) {
  for (Member& m : map.members)
    if (m.key == key) return &m.value;
  return nullptr;
}

void erase(Node& map, std::string_view key) {
  auto& m = map.members;
  m.erase(std::remove_if(m.begin(), m.end(), [key](const Member& x) { return x.key == key; }),
          m.end());
}

}  // namespace

std::optional<std::vector<std::string>> simple_command_words(std::string_view script) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      // A newline ends the command: only blanks may follow it.
      if (c == '\n' && script.find_first_not_of(" \t\n", i) != std::string_view::npos)
        return std::nullopt;
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'' || c == '"') {
      size_t end = script.find(c, i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      std::string_view quoted = script.substr(i + 1, end - i - 1);
      if (c == '"' && quoted.find_first_of("$`\\") != std::string_view::npos) return std::nullopt;
      word += quoted;
      in_word = true;
      i = end;
    } else if (plain_char(c)) {
      word += c;
      in_word = true;
    } else {
      return std::nullopt;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (!words.empty() && words[0] == "exec") words.erase(words.begin());
  // An assignment or a reserved word in command position is no plain program.
  if (words.empty() || words[0].find('=') != std::string::npos || is_reserved_word(words[0]) ||
      words[0].empty() || words[0][0] == '-')
    return std::nullopt;
  return words;
}

std::optional<std::vector<std::string>> launcher_program(const std::vector<std::string>& command) {
  if (command.empty()) return std::nullopt;
  const std::string& shell = command[0];
  for (const char* dir : {"", "/bin/", "/usr/bin/"})
    for (const char* name : {"sh", "bash"})
      if (shell == std::string(dir) + name)
        return command.size() == 3 && command[1] == "-c" ? simple_command_words(command[2])
                                                         : std::nullopt;
  return command;
}

std::optional<LauncherDecomposition> decompose_launcher(const std::vector<std::string>& argv,
                                                        const JobSpec& job) {
  if (argv.empty()) return std::nullopt;
  if (argv[0] == "mpirun") return decompose_mpirun(argv, job);
  if (argv[0] == "horovodrun") return decompose_horovodrun(argv, job);
  return std::nullopt;
}

Node with_decomposition(const Node& doc, const LauncherDecomposition& d) {
  Node out = doc;
  Node* spec = find(out, "spec");
  Node* launcher = spec ? find(*spec, "launcher") : nullptr;
  const Node* command = launcher ? launcher->get("command") : nullptr;
  if (!command) return out;
  const SourceLoc loc = command->loc;
  erase(*launcher, "command");
  if (launcher->members.empty()) erase(*spec, "launcher");
  if (d.kind == JobKind::HorovodJob)
    if (Node* kind = find(out, "kind")) *kind = Node::string("HorovodJob", kind->loc);
  // The program and its options go after the image, before the roles.
  std::vector<Member> fields;
  Node program = Node::seq(loc);
  for (const std::string& w : d.command) program.push(Node::string(w, loc));
  fields.push_back({"command", loc, std::move(program)});
  if (d.mpirun_args) {
    Node args = Node::seq(loc);
    for (const std::string& w : *d.mpirun_args) args.push(Node::string(w, loc));
    fields.push_back({"mpirun_args", loc, std::move(args)});
  }
  for (const auto& [key, value] : d.horovod) {
    Node v = value;
    v.loc = loc;
    fields.push_back({key, loc, std::move(v)});
  }
  auto at = std::find_if(spec->members.begin(), spec->members.end(), [](const Member& m) {
    return m.key == "env" || m.key == "launcher" || m.key == "worker";
  });
  spec->members.insert(at, fields.begin(), fields.end());
  return out;
}

}  // namespace mpijobc
