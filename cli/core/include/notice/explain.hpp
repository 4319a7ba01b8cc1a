#pragma once

// `validate --explain`: what the validator read for each item of a revision — its flow and how it was
// decided, the parties, the data and the legal bases, stated in the YAML or read from the wording — so that
// an officer can check an inference and override it by writing the key.

#include "notice/diagnostic.hpp"
#include "notice/model.hpp"

#include <ostream>
#include <string>

namespace notice {

/// Writes the explanation of `view` (a revision's view, as `at()` returns it) judged on `date`.
void write_explanation(std::ostream &out, const Notice &view, Date date, const std::string &label, Lang lang);

} // namespace notice
