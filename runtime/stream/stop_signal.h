#pragma once
// A process-wide request to stop streaming queries gracefully (SIGINT / SIGTERM in the CLI,
// or the embedding host): running queries finish and commit their current batch, then return.
namespace sluice {

/// Asks every running streaming query to stop after its current batch (async-signal-safe).
void requestStop();
/// True once requestStop() was called.
bool stopRequested();
/// Clears the request (tests, or a host that starts queries again).
void clearStopRequest();

}  // namespace sluice
