// The one exception type for failures of the environment (unreadable file, bad config,
// missing program). Problems in the user's document are Diagnostic values, not exceptions.
#pragma once

#include <stdexcept>
#include <string>

namespace notice {

/// A failure that stops the command; `main` prints it as `notice-audit: error: <what>`, in Japanese
/// under `--lang ja` or a Japanese locale when the thrower gave a Japanese message.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;

  /// An error with its message in English (`what()`) and in Japanese.
  Error(const std::string &message, std::string message_ja)
      : std::runtime_error(message), m_message_ja(std::move(message_ja)) {}

  /// The Japanese message, or empty when the thrower gave none.
  const std::string &message_ja() const noexcept { return m_message_ja; }

private:
  std::string m_message_ja;
};

} // namespace notice
