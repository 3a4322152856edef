// jemalloc's options, read by jemalloc itself when the process starts (the `vigil` executable links jemalloc on
// Linux; see Package.swift).
// - One arena: a scan's threads hand buffers to one another, and with an arena per thread a two-thread scan of
//   1,000,000 events held 10 MB more for no speed.
// - Transparent huge pages for the heap: a corpus scan reads the compiled rules (tests, sets, automata, tens of
//   megabytes) at scattered places for every event, and with 4 KiB pages most of those reads also missed the TLB.
//   One thread ran 8-20% more events per second in paired runs, for 7-9 MB more resident memory (docs/benchmarks.md).
// - Dirty pages returned to the system after 30 s unused instead of 10: returning part of a huge page splits it into
//   small pages, and a scan's heap lost the huge pages it runs on (300,000 events: 472 madvise calls and 62 huge pages
//   split by default, 35 and 8 with 30 s). In rounds in turns, medians of one thread +2.6% on 300,000 events and
//   ±0 to +3.7% on a million, two threads +3.7%, at the same peak RSS; an idle `vigil watch` still gives memory back.
#ifdef __linux__
const char *malloc_conf = "narenas:1,thp:always,dirty_decay_ms:30000";
#endif
