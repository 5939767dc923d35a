// A fresh directory under $TMPDIR, removed with everything in it: for the
// unit tests (compiler/) and the end-to-end tests (tests/) alike. Not in
// namespace mpijobc: the end-to-end tests have a function of that name.
#pragma once

#include <string>

namespace test_support {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }
  // Writes `content` to `rel`, creating its directories.
  void write(const std::string& rel, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace test_support
