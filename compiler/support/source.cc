#include "support/source.h"

#include <algorithm>

namespace mpijobc {

uint32_t SourceManager::add(std::string path, std::string text) {
  uint32_t file = add_path(std::move(path));
  set_text(file, std::move(text));
  return file;
}

uint32_t SourceManager::add_path(std::string path) {
  files_.push_back({std::move(path), {}, {0}});
  return static_cast<uint32_t>(files_.size());
}

uint32_t SourceManager::add_stdin(std::string name) {
  uint32_t file = add_path(std::move(name));
  files_.back().from_stdin = true;
  return file;
}

void SourceManager::set_text(uint32_t file, std::string text) {
  File& f = files_.at(file - 1);
  f.text = std::move(text);
  f.line_starts = {0};
  for (size_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
}

const std::string& SourceManager::path(uint32_t file) const { return files_.at(file - 1).path; }

bool SourceManager::is_stdin(uint32_t file) const { return files_.at(file - 1).from_stdin; }

const std::string& SourceManager::text(uint32_t file) const { return files_.at(file - 1).text; }

SourceLoc SourceManager::loc(uint32_t file, size_t offset) const {
  const File& f = files_.at(file - 1);
  offset = std::min(offset, f.text.size());
  auto next = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  size_t line = static_cast<size_t>(next - f.line_starts.begin());
  return {file, static_cast<uint32_t>(line), static_cast<uint32_t>(offset - *(next - 1) + 1)};
}

std::string_view SourceManager::line(uint32_t file, uint32_t line) const {
  if (file == 0 || file > files_.size()) return {};
  const File& f = files_[file - 1];
  if (line == 0 || line > f.line_starts.size()) return {};
  size_t begin = f.line_starts[line - 1];
  size_t end = line < f.line_starts.size() ? f.line_starts[line] - 1 : f.text.size();
  std::string_view sv(f.text.data() + begin, end - begin);
  if (!sv.empty() && sv.back() == '\r') sv.remove_suffix(1);
  return sv;
}

}  // namespace mpijobc
