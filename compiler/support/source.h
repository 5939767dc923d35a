// Source files and positions. Every diagnostic points into a file registered
// here, so the printer can show the offending line under the message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mpijobc {

// A 1-based line/column in a registered file. file == 0 means "no position"
// (for example a value that mpijobc generated rather than read); line == 0,
// the file as a whole (one that cannot be read).
struct SourceLoc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;

  bool valid() const { return file != 0; }
  bool has_line() const { return line != 0; }
};

class SourceManager {
 public:
  // Registers a file's contents and returns its id (never 0).
  uint32_t add(std::string path, std::string text);
  // Registers a file whose text comes later, through set_text. Threads may
  // set the texts of distinct files at once, while no file is being added
  // (a parallel build registers every input first).
  uint32_t add_path(std::string path);
  // Registers standard input, named `name` in findings; its text comes
  // later, through set_text, like a file's.
  uint32_t add_stdin(std::string name);
  void set_text(uint32_t file, std::string text);

  const std::string& path(uint32_t file) const;
  bool is_stdin(uint32_t file) const;
  const std::string& text(uint32_t file) const;
  // The position of a byte offset in a file's text (offsets past the end
  // give the end of the text).
  SourceLoc loc(uint32_t file, size_t offset) const;
  // The text of a 1-based line without its line break; empty when out of range.
  std::string_view line(uint32_t file, uint32_t line) const;

 private:
  struct File {
    std::string path;
    std::string text;
    std::vector<size_t> line_starts;
    bool from_stdin = false;
  };
  std::vector<File> files_;
};

}  // namespace mpijobc
