// libpq, PostgreSQL's C client, from Debian's libpq-dev (pkg-config "libpq" puts /usr/include/postgresql on the path).
#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
