#pragma once
// Who a stream consumer or a lease belongs to. A process is named `host-pid-nonce`, unique
// per run; its workers are named `<process>-<role><index>` ("web1-4242-17-out0"). From a
// worker's name a process can tell, without asking anyone, that the worker's process is gone
// when that process ran on this host: its pid is ours (a restart in the same container) or no
// longer runs. Processes on other hosts are judged by their heartbeat (store/liveness.hpp).

#include <string>
#include <string_view>

namespace ombud::core {

/// A fresh name for this process: `host-pid-nonce`.
std::string new_process_name();

/// The process part of a worker's name ("web1-4242-17" of "web1-4242-17-out0"); the name
/// itself when it has no worker suffix.
std::string_view process_of(std::string_view worker);

/// True when `process` (a name from new_process_name) ran on this host and is known to have
/// ended: its pid is this process's own (and the name is not ours), or no process has it.
/// False when it ran elsewhere, still runs, or the name cannot be read.
bool known_gone_locally(std::string_view process, std::string_view self);

}  // namespace ombud::core
