// libyaml's parser API for Swift, from Debian's libyaml-dev.
#ifndef BLOCKFENCE_CYAML_SHIM_H
#define BLOCKFENCE_CYAML_SHIM_H

#include <yaml.h>

#endif
