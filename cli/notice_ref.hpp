// How every subcommand addresses a notice and one of its revisions, so that the rule is the same
// in validate, render, diff and graph (docs/notice-audit.md, REVISIONS):
//   FILE            the file; its latest revision where one revision is needed
//   FILE@DATE       the revision in force on DATE (the latest whose effective date is DATE or earlier)
//   --revision DATE the same as @DATE after every FILE that names no date
//   --git REV       FILE as committed at REV instead of the working tree (diff, graph)
#pragma once

#include "notice/date.hpp"
#include "notice/diagnostic.hpp"
#include "notice/model.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace notice::cli {

/// A notice as named on the command line.
struct NoticeRef {
  std::string path;         ///< the file
  std::optional<Date> date; ///< the revision in force on this date; none: every revision, or the latest
  std::string git;          ///< read the file as committed at this git revision; empty: the working tree

  /// How to name it in headings: `FILE`, `FILE@DATE`, `REV:FILE`, `REV:FILE@DATE`.
  std::string label() const;
};

/// Parses `FILE` or `FILE@YYYY-MM-DD`. `revision` is the value of --revision (empty when not
/// given): the date of a FILE that names none. An `@` followed by anything but digits and dashes,
/// or a whole argument that exists as a file, is part of the file name. Throws notice::Error for a
/// malformed date, or for a date given both ways.
NoticeRef parse_notice_ref(const std::string &argument, const std::string &revision, const std::string &git = {});

/// Parses the value of --revision alone; throws notice::Error when it is not a date.
std::optional<Date> parse_revision_option(const std::string &revision);

/// Reads the notice `ref` names (the file, or its committed copy for --git). When the file has
/// errors that make it unusable, prints them on `err` as validate does and throws notice::Error
/// saying so; throws notice::Error when it cannot be read.
Notice load_usable(const NoticeRef &ref, std::ostream &err, Lang lang);

/// The revision `ref` selects in `notice`: the one in force on `ref.date`, or the latest. Throws
/// notice::Error naming the revisions that exist when there is none.
const Revision &select_revision(const Notice &notice, const NoticeRef &ref);

/// The revision in force just before `revision` took effect (for comparing a revision with its
/// predecessor). Throws notice::Error when `revision` is the first.
const Revision &previous_revision(const Notice &notice, const Revision &revision);

} // namespace notice::cli
