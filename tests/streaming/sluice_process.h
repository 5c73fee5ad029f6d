// Kill -9 scenario tests run the real `sluice` binary (SLUICE_BINARY, set by the test target)
// as a child process they can SIGKILL.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace sluice {

/// Starts `sluice run q.sql` in `dir` as a child process, output discarded; returns its pid.
inline pid_t startSluiceRun(const std::filesystem::path& dir) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<std::string> args = {SLUICE_BINARY, "run", "q.sql"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace sluice
