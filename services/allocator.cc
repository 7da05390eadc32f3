// The supervisor's allocator: jemalloc (libjemalloc-dev), with its settings.
// Linked into the supervisor and into the load tools that host it in-process,
// so that they measure the server as it runs.
//
// jemalloc's settings, read when it starts (MALLOC_CONF in the environment
// still overrides them). Measured at 300,000 units x 12 months (see the
// README, "National scale"): with its defaults the pages that ingest frees
// stay resident in eight arenas until the next allocation in each; a
// background thread returning them after a second, and two arenas for the
// two cores, took resident memory from 636 to 493 MiB idle.
extern "C" {
// NOLINTNEXTLINE: the name jemalloc looks for.
const char* malloc_conf = "background_thread:true,narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
