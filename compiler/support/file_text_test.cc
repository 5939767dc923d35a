#include "support/file_text.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>

using namespace mpijobc;
namespace fs = std::filesystem;

TEST_CASE("read_file_text: whole files, empty ones, and errors with errno") {
  std::string dir = (fs::temp_directory_path() / "mpijobc-file-text-XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()));
  std::string big(100000, 'x');
  big[99999] = '\n';
  std::ofstream(dir + "/big", std::ios::binary) << big;
  std::ofstream(dir + "/empty", std::ios::binary).flush();
  CHECK(read_file_text(dir + "/big") == big);
  CHECK(read_file_text(dir + "/empty") == std::string());
  // /proc files report size 0 but have content: the size is only a hint.
  auto proc = read_file_text("/proc/self/status");
  REQUIRE(proc);
  CHECK(proc->find("Name:") == 0);
  errno = 0;
  CHECK_FALSE(read_file_text(dir + "/missing"));
  CHECK(errno == ENOENT);
  CHECK_FALSE(read_file_text(dir));
  CHECK(errno == EISDIR);
  fs::remove_all(dir);
}

TEST_CASE("read_file_text: stops at max_bytes, for inputs that never end") {
  auto zeros = read_file_text("/dev/zero", 100000);
  REQUIRE(zeros);
  CHECK(*zeros == std::string(100000, '\0'));
  CHECK(read_file_text("/proc/self/status", 5) == std::string("Name:"));
}

TEST_CASE("read_stdin_text: standard input to its end, or to max_bytes") {
  std::string dir = (fs::temp_directory_path() / "mpijobc-file-text-XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()));
  std::ofstream(dir + "/in", std::ios::binary) << "a: 1\n";
  int saved = ::dup(STDIN_FILENO);
  auto read_from = [&](const std::string& path, size_t max) {
    int fd = ::open(path.c_str(), O_RDONLY);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    return read_stdin_text(max);
  };
  CHECK(read_from(dir + "/in", 100) == std::string("a: 1\n"));
  CHECK(read_from("/dev/zero", 3) == std::string(3, '\0'));
  errno = 0;
  CHECK_FALSE(read_from(dir, 100));
  CHECK(errno == EISDIR);
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  fs::remove_all(dir);
}
