#include "local/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <ostream>

extern char** environ;

namespace mpijobc {
namespace {

int g_signal_pipe = -1;

void on_signal(int sig) {
  unsigned char c = static_cast<unsigned char>(sig);
  [[maybe_unused]] ssize_t n = write(g_signal_pipe, &c, 1);
}

std::vector<std::string> merged_environment(
    const std::vector<std::pair<std::string, std::string>>& extra) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string s(*e);
    size_t eq = s.find('=');
    if (eq != std::string::npos) vars[s.substr(0, eq)] = s.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) vars[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

bool on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (size_t start = 0;;) {
    size_t end = dirs.find(':', start);
    std::string dir = dirs.substr(start, end - start);
    if (access(((dir.empty() ? "." : dir) + "/" + program).c_str(), X_OK) == 0) return true;
    if (end == std::string::npos) return false;
    start = end + 1;
  }
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          ProcessOutput& filters, std::ostream& out, std::ostream& err) {
  ProcessResult result;
  int out_pipe[2], err_pipe[2], sig_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC) || pipe2(sig_pipe, O_CLOEXEC)) {
    result.error = std::strerror(errno);
    return result;
  }
  g_signal_pipe = sig_pipe[1];
  struct sigaction sa {}, old_int {}, old_term {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);

  std::vector<std::string> args = argv, vars = merged_environment(env);
  std::vector<char*> c_args = c_strings(args), c_vars = c_strings(vars);
  auto begin = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int rc = posix_spawn(&pid, c_args[0], &actions, &attr, c_args.data(), c_vars.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out_pipe[1]);
  close(err_pipe[1]);

  if (rc != 0) {
    result.error = std::strerror(rc);
  } else {
    result.started = true;
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {sig_pipe[0], POLLIN, 0}};
    RankOutput* filter[2] = {&filters.out, &filters.err};
    std::ostream* sink[2] = {&out, &err};
    int open_streams = 2;
    auto killed_at = std::chrono::steady_clock::time_point::max();
    while (open_streams > 0) {
      int timeout = result.interrupted_by ? 500 : -1;
      if (poll(fds, 3, timeout) < 0 && errno != EINTR) break;
      if (result.interrupted_by && std::chrono::steady_clock::now() > killed_at) {
        kill(-pid, SIGKILL);  // the grace period is over
        killed_at = std::chrono::steady_clock::time_point::max();
      }
      if (fds[2].revents & POLLIN) {
        unsigned char c;
        if (read(sig_pipe[0], &c, 1) == 1 && !result.interrupted_by) {
          result.interrupted_by = c;
          err << "\nmpijobc: run: interrupted; stopping every rank\n" << std::flush;
          kill(-pid, SIGTERM);
          killed_at = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        }
      }
      for (int i = 0; i < 2; ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buf[65536];
        ssize_t n = read(fds[i].fd, buf, sizeof buf);
        if (n > 0) {
          *sink[i] << filter[i]->feed(std::string_view(buf, static_cast<size_t>(n))) << std::flush;
        } else if (n == 0 || errno != EINTR) {
          *sink[i] << filter[i]->finish() << std::flush;
          fds[i].fd = -1;
          --open_streams;
        }
      }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + result.signal;
    // Nothing of the job may outlive it (ranks that ignored the launcher's end).
    kill(-pid, SIGKILL);
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  for (int fd : {out_pipe[0], err_pipe[0], sig_pipe[0], sig_pipe[1]}) close(fd);
  g_signal_pipe = -1;
  return result;
}

}  // namespace mpijobc
