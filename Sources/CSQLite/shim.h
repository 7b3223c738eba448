// SQLite's C API for Swift. SQLITE_TRANSIENT is a macro Swift cannot import: the shim names it.
#ifndef BLOCKFENCE_CSQLITE_SHIM_H
#define BLOCKFENCE_CSQLITE_SHIM_H

#include <sqlite3.h>

/// Tells sqlite3_bind_text and sqlite3_bind_blob to copy the bytes before the call returns.
static inline sqlite3_destructor_type bf_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
