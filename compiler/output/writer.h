// Writes a set of files all or nothing. Every new file is first written in
// full next to its destination (staged), then all are renamed into place; if
// any step fails, or the caller gives up before committing, the temporaries
// and any directories created are removed and the tree is as before. Files
// whose content is unchanged are not rewritten (their timestamps stay).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "driver/compile.h"
#include "support/diagnostics.h"

namespace mpijobc {

struct WriteResult {
  bool ok = false;
  std::vector<std::string> written;    // paths written (new or changed)
  std::vector<std::string> unchanged;  // paths left as they were
};

// Files staged one at a time, so that a caller need not hold them all in
// memory; nothing is visible until commit(), and destruction without a
// successful commit() undoes everything. Paths are relative to `out_dir`
// ("" is the working directory) unless absolute.
class StagedWrite {
 public:
  StagedWrite(std::string out_dir, DiagnosticEngine& diags);
  ~StagedWrite();
  StagedWrite(const StagedWrite&) = delete;
  StagedWrite& operator=(const StagedWrite&) = delete;

  // Stages `f` (or notes it unchanged); false, with an error reported, when
  // it cannot be written.
  bool stage(const OutputFile& f);
  // Renames every staged file into place.
  bool commit();
  // What was (or will be, before commit) written and left unchanged.
  const WriteResult& result() const { return result_; }

 private:
  bool fail(const std::string& what, const std::string& path);
  bool make_dirs(const std::string& dir);

  std::string base_;
  std::string temp_prefix_;  // "/.mpijobc-<pid>-"
  DiagnosticEngine& diags_;
  // Directories known to exist, and whether this write created them (a
  // build stages thousands of files: each directory is looked at once).
  std::map<std::string, bool> dirs_;
  std::vector<std::string> temps_, targets_, created_dirs_;
  WriteResult result_;
};

// All of `files` through one StagedWrite.
WriteResult write_all(const std::string& out_dir, const std::vector<OutputFile>& files,
                      DiagnosticEngine& diags);

}  // namespace mpijobc
