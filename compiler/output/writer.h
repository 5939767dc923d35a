// Writes a set of files all or nothing. Every new file is first written in
// full next to its destination (staged), then all are renamed into place; if
// any step fails, or the caller gives up before committing, the temporaries
// and any directories created are removed and the tree is as before. A
// directory that does not exist yet is staged whole under a hidden name and
// renamed into place at commit, with its files inside, so it appears
// complete or not at all. Files whose content is unchanged are not rewritten
// (their timestamps stay). A build's writer replaces only files that mpijobc
// generated (output/existing.h). Files no longer produced can be removed at
// commit, with the directories this leaves empty.
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
  std::vector<std::string> removed;    // paths removed at commit
};

// Files staged one at a time, so that a caller need not hold them all in
// memory; nothing is visible until commit(), and destruction without a
// successful commit() undoes everything. Paths are relative to `out_dir`
// ("" is the working directory) unless absolute.
class StagedWrite {
 public:
  enum class Replace {
    any,        // fmt: the files are the user's own
    generated,  // build: refuse a file mpijobc did not generate
  };
  StagedWrite(std::string out_dir, Replace replace, DiagnosticEngine& diags);
  ~StagedWrite();
  StagedWrite(const StagedWrite&) = delete;
  StagedWrite& operator=(const StagedWrite&) = delete;

  enum class Staged {
    ok,       // staged, or unchanged
    refused,  // Replace::generated, and something else is at its path: left alone
    failed,   // cannot be written: an error is reported
  };
  Staged stage(const OutputFile& f);
  // At commit, after the renames: removes the file at `path` (relative to
  // out_dir), then each directory above it inside out_dir that this leaves
  // empty (never out_dir itself).
  void remove_at_commit(const std::string& path);
  // Renames every staged file into place, then removes; false, with an
  // error reported, when a step fails (result().ok says whether the renames
  // were all done).
  bool commit();
  // What was (or will be, before commit) written and left unchanged.
  const WriteResult& result() const { return result_; }

 private:
  struct Dir {
    std::string staged;  // where its files go now; empty when it exists already
  };
  bool fail(const std::string& what, const std::string& path);
  const Dir* make_dirs(const std::string& dir);
  std::string temp_name(const std::string& dir, const char* suffix);

  std::string base_;
  Replace replace_;
  std::string temp_prefix_;  // ".mpijobc-<pid>-"
  DiagnosticEngine& diags_;
  // Every directory looked at, once (a build stages thousands of files).
  std::map<std::string, Dir> dirs_;
  std::vector<std::string> files_;         // every file written, to remove on failure
  std::vector<std::string> created_dirs_;  // in creation order, to remove on failure
  // Renames at commit: files replacing files in existing directories, then
  // staged directories.
  std::vector<std::pair<std::string, std::string>> renames_, dir_renames_;
  std::vector<std::string> removals_;
  WriteResult result_;
};

// All of `files` through one StagedWrite that may replace any file.
WriteResult write_all(const std::string& out_dir, const std::vector<OutputFile>& files,
                      DiagnosticEngine& diags);

}  // namespace mpijobc
