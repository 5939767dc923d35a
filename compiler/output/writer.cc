#include "output/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "output/existing.h"
#include "output/staging_names.h"

namespace mpijobc {
namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

}  // namespace

StagedWrite::StagedWrite(std::string out_dir, Replace replace, DiagnosticEngine& diags)
    : base_(out_dir.empty() ? "." : std::move(out_dir)),
      replace_(replace),
      temp_prefix_(staging_prefix()),
      diags_(diags) {
  while (base_.size() > 1 && base_.back() == '/') base_.pop_back();
}

StagedWrite::~StagedWrite() {
  if (result_.ok) return;
  for (const std::string& f : files_) ::unlink(f.c_str());
  for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) ::rmdir(it->c_str());
}

bool StagedWrite::fail(const std::string& what, const std::string& path) {
  diags_.error({}, {}, "cannot " + what + " " + path + ": " + std::strerror(errno), {}, "io/write");
  return false;
}

std::string StagedWrite::temp_name(const std::string& dir, const char* suffix) {
  std::string name = temp_prefix_ + std::to_string(files_.size() + created_dirs_.size()) + suffix;
  return dir.empty() ? name : dir + "/" + name;
}

const StagedWrite::Dir* StagedWrite::make_dirs(const std::string& dir) {
  static const Dir existing;
  if (dir.empty()) return &existing;
  if (auto it = dirs_.find(dir); it != dirs_.end()) return &it->second;
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return &dirs_.emplace(dir, Dir{}).first->second;
    errno = ENOTDIR;
    fail("create directory", dir);
    return nullptr;
  }
  std::string parent = parent_of(dir);
  const Dir* up = make_dirs(parent);
  if (!up) return nullptr;
  // Inside a staged directory, directories are made in place; otherwise
  // this is the top of a new tree, staged under a hidden name.
  std::string staged = !up->staged.empty() ? up->staged + dir.substr(parent.size())
                                           : temp_name(parent, ".dir");
  if (::mkdir(staged.c_str(), 0777) != 0) {
    fail("create directory", dir);
    return nullptr;
  }
  created_dirs_.push_back(staged);
  if (up->staged.empty()) dir_renames_.emplace_back(staged, dir);
  return &dirs_.emplace(dir, Dir{staged}).first->second;
}

StagedWrite::Staged StagedWrite::stage(const OutputFile& f) {
  std::string path = !f.path.empty() && f.path[0] == '/' ? f.path : base_ + "/" + f.path;
  std::string parent = parent_of(path);
  const Dir* dir = make_dirs(parent);
  if (!dir) return Staged::failed;
  // A staged directory is new: its files are written under their own names.
  std::string tmp;
  if (!dir->staged.empty()) {
    tmp = dir->staged + path.substr(parent.size());
  } else {
    switch (existing_output(path, f.content)) {
      case Existing::same: result_.unchanged.push_back(path); return Staged::ok;
      case Existing::other:
        if (replace_ == Replace::generated) return Staged::refused;
        [[fallthrough]];
      case Existing::none:
      case Existing::generated: tmp = temp_name(parent, ".tmp"); break;
    }
  }
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, f.executable ? 0777 : 0666);
  if (fd < 0) {
    fail("create", tmp);
    return Staged::failed;
  }
  files_.push_back(tmp);
  const char* p = f.content.data();
  size_t left = f.content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      errno = saved;
      fail("write", tmp);
      return Staged::failed;
    }
    p += n;
    left -= size_t(n);
  }
  if (::close(fd) != 0) {
    fail("write", tmp);
    return Staged::failed;
  }
  if (dir->staged.empty()) renames_.emplace_back(tmp, path);
  result_.written.push_back(path);
  return Staged::ok;
}

void StagedWrite::remove_at_commit(const std::string& path) { removals_.push_back(base_ + "/" + path); }

bool StagedWrite::commit() {
  for (const auto* list : {&renames_, &dir_renames_})
    for (const auto& [from, to] : *list)
      if (::rename(from.c_str(), to.c_str()) != 0) return fail("replace", to);
  result_.ok = true;
  for (const std::string& path : removals_) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return fail("remove", path);
    result_.removed.push_back(path);
    // Up to, not including, the output directory; a directory that is not
    // empty stays.
    for (std::string dir = parent_of(path); dir.size() > base_.size() && ::rmdir(dir.c_str()) == 0;)
      dir = parent_of(dir);
  }
  return true;
}

WriteResult write_all(const std::string& out_dir, const std::vector<OutputFile>& files,
                      DiagnosticEngine& diags) {
  StagedWrite staged(out_dir, StagedWrite::Replace::any, diags);
  for (const OutputFile& f : files)
    if (staged.stage(f) != StagedWrite::Staged::ok) return staged.result();
  staged.commit();
  return staged.result();
}

}  // namespace mpijobc
