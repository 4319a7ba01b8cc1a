// Reading a notice file into the model.
#pragma once

#include "notice/diagnostic.hpp"
#include "notice/model.hpp"
#include "notice/source.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace notice {

/// Limits that keep a hostile file from exhausting time or memory.
struct LoadLimits {
  std::size_t max_file_bytes = 4u << 20;    ///< larger files are refused (a notice is ~30 KB)
  std::size_t max_nodes = 400'000;          ///< nodes after alias expansion
  std::size_t max_scalar_bytes = 64u << 10; ///< longer scalars are refused before schema checks
  int max_depth = 64;                       ///< nesting of mappings and sequences
};

/// What load() produced: the model when the file was usable, and every problem found on the way.
struct LoadResult {
  std::shared_ptr<const Source> source; ///< null when the file could not be read at all
  std::optional<Notice> notice;         ///< absent when the file is not a usable notice
  std::vector<Diagnostic> diagnostics;  ///< encoding, YAML, schema and model problems
};

/// Reads the file at `path`. Throws notice::Error when it cannot be read (missing, a directory,
/// permission); every problem with its content becomes a Diagnostic instead.
LoadResult load_file(const std::string &path, const LoadLimits &limits = {});

/// Loads `text` as if read from a file called `path`; never throws for bad content.
LoadResult load_text(const std::string &path, std::string text, const LoadLimits &limits = {});

} // namespace notice
