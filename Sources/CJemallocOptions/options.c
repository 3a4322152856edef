// jemalloc's options, read by jemalloc itself when the process starts (the `vigil` executable links jemalloc on
// Linux; see Package.swift).
// - One arena: a scan's threads hand buffers to one another, and with an arena per thread a two-thread scan of
//   1,000,000 events held 10 MB more for no speed.
// - Transparent huge pages for the heap: a corpus scan reads the compiled rules (tests, sets, automata, tens of
//   megabytes) at scattered places for every event, and with 4 KiB pages most of those reads also missed the TLB.
//   One thread ran 8-20% more events per second in paired runs, for 7-9 MB more resident memory (docs/benchmarks.md).
#ifdef __linux__
const char *malloc_conf = "narenas:1,thp:always";
#endif
