#include "output/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mpijobc {
namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

bool same_content(const std::string& path, const std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str() == content;
}

}  // namespace

StagedWrite::StagedWrite(std::string out_dir, DiagnosticEngine& diags)
    : base_(out_dir.empty() ? "." : std::move(out_dir)),
      temp_prefix_("/.mpijobc-" + std::to_string(::getpid()) + "-"),
      diags_(diags) {
  while (base_.size() > 1 && base_.back() == '/') base_.pop_back();
}

StagedWrite::~StagedWrite() {
  if (result_.ok) return;
  for (const std::string& t : temps_) ::unlink(t.c_str());
  for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) ::rmdir(it->c_str());
}

bool StagedWrite::fail(const std::string& what, const std::string& path) {
  diags_.error({}, {}, "cannot " + what + " " + path + ": " + std::strerror(errno), {}, "io/write");
  return false;
}

bool StagedWrite::make_dirs(const std::string& dir) {
  if (dir.empty() || dirs_.count(dir)) return true;
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      dirs_.emplace(dir, false);
      return true;
    }
    errno = ENOTDIR;
    return fail("create directory", dir);
  }
  if (!make_dirs(parent_of(dir))) return false;
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) return fail("create directory", dir);
  created_dirs_.push_back(dir);
  dirs_.emplace(dir, true);
  return true;
}

bool StagedWrite::stage(const OutputFile& f) {
  std::string path = !f.path.empty() && f.path[0] == '/' ? f.path : base_ + "/" + f.path;
  if (!make_dirs(parent_of(path))) return false;
  // In a directory this write created, every file is new.
  auto dir = dirs_.find(parent_of(path));
  bool fresh = dir != dirs_.end() && dir->second;
  if (!fresh && same_content(path, f.content)) {
    result_.unchanged.push_back(path);
    return true;
  }
  std::string tmp = parent_of(path) + temp_prefix_ + std::to_string(temps_.size()) + ".tmp";
  if (parent_of(path).empty()) tmp = tmp.substr(1);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, f.executable ? 0777 : 0666);
  if (fd < 0) return fail("create", tmp);
  temps_.push_back(tmp);
  const char* p = f.content.data();
  size_t left = f.content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      errno = saved;
      return fail("write", tmp);
    }
    p += n;
    left -= size_t(n);
  }
  if (::close(fd) != 0) return fail("write", tmp);
  targets_.push_back(path);
  result_.written.push_back(path);
  return true;
}

bool StagedWrite::commit() {
  for (size_t i = 0; i < temps_.size(); ++i)
    if (::rename(temps_[i].c_str(), targets_[i].c_str()) != 0) return fail("replace", targets_[i]);
  result_.ok = true;
  return true;
}

WriteResult write_all(const std::string& out_dir, const std::vector<OutputFile>& files,
                      DiagnosticEngine& diags) {
  StagedWrite staged(out_dir, diags);
  for (const OutputFile& f : files)
    if (!staged.stage(f)) return staged.result();
  staged.commit();
  return staged.result();
}

}  // namespace mpijobc
