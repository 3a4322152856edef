// jemalloc's options, read by jemalloc itself when the process starts (the `vigil` executable links jemalloc on
// Linux; see Package.swift). One arena: a scan's threads hand buffers to one another, and with an arena per thread
// a two-thread scan of 1,000,000 events held 10 MB more for no speed.
#ifdef __linux__
const char *malloc_conf = "narenas:1";
#endif
