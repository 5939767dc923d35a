// The syntax tree of a .mpijob file, as written: literal spellings, comments
// and blank lines are kept so `mpijobc fmt` can reprint the file. The parser
// (dsl/parser.h) builds it from text, dsl/from_node.h from a YAML spec; the
// printer (dsl/printer.h) turns it into canonical text and dsl/lower.h into
// the same Node documents the YAML reader gives.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "support/source.h"

namespace mpijobc::dsl {

// Comments around an element. `leading` holds whole-line comments above it
// ("# text" or "// text" as written) and "" for a blank line.
struct Trivia {
  std::vector<std::string> leading;
  std::string trailing;  // a comment after the element on its last line
};

struct Entry;
struct Item;

struct Value {
  enum class Kind { Word, String, Int, Float, Unit, Block, List };
  Kind kind = Kind::Word;
  std::string text;  // scalars: as written (String: its unescaped value)
  SourceLoc loc;
  std::vector<Entry> entries;  // Block
  std::vector<Item> items;     // List
  // Block and List: a comment after the opening bracket, and whole-line
  // comments before the closing one.
  std::string open_comment;
  std::vector<std::string> closing;
  // Token indices of the brackets (parsed trees only; for comment placement).
  size_t open_token = 0, close_token = 0;

  bool is_scalar() const { return kind != Kind::Block && kind != Kind::List; }
};

struct Entry {
  std::string key;
  SourceLoc key_loc;
  Value value;
  Trivia trivia;
  size_t first_token = 0, last_token = 0;
};

struct Item {
  Value value;
  Trivia trivia;
  size_t first_token = 0, last_token = 0;
};

// `MPIJob pi { ... }`: kind and name are Word or String scalars.
struct Job {
  Value kind, name, body;
  Trivia trivia;
  size_t first_token = 0;
};

struct File {
  std::vector<Job> jobs;
  std::vector<std::string> closing;  // comments after the last job
};

}  // namespace mpijobc::dsl
