// The default assessment scheme, compiled in from
// deploy/schemes/default.textproto so the supervisor runs with no config.
#ifndef GONGKAI_SERVICES_DEFAULT_SCHEME_H_
#define GONGKAI_SERVICES_DEFAULT_SCHEME_H_

#include "absl/strings/string_view.h"

namespace gongkai::services {

// The text of deploy/schemes/default.textproto at build time.
absl::string_view DefaultSchemeText();

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_DEFAULT_SCHEME_H_
