// The one exception type for failures of the environment (unreadable file, bad config,
// missing program). Problems in the user's document are Diagnostic values, not exceptions.
#pragma once

#include <stdexcept>
#include <string>

namespace notice {

/// A failure that stops the command; `main` prints it as `notice-audit: error: <what>`.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace notice
