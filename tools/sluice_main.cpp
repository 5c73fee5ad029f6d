// The `sluice` command-line driver: a thin client of the embedding API (include/sluice).
#include <malloc.h>
#include <pthread.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/stop_source.h"
#include "sluice/engine.h"
#include "tools/port_forwarder.h"

namespace po = boost::program_options;

namespace {

void installStopHandlers(sluice::Engine& engine);

constexpr const char* kUsage =
    "usage: sluice <command> [options] FILE|-e SQL\n"
    "\n"
    "Compile and run streaming SQL over Kafka.\n"
    "\n"
    "commands:\n"
    "  run FILE       run every statement of a query file\n"
    "  explain FILE   show the plans of every query in a file\n"
    "  check FILE     parse and analyze a file, report the first error\n"
    "  broker         run an in-process Kafka broker (for demos and tests)\n"
    "\n"
    "Instead of a FILE, -e SQL gives the statements on the command line.\n"
    "Run `sluice <command> --help` for the command's options.\n";

struct Common {
  std::string file;
  std::optional<std::string> sql;  ///< -e SQL: the query text given instead of a FILE
  std::vector<std::string> defines;
};

po::options_description commonOptions(Common& c) {
  po::options_description d("options");
  d.add_options()("help,h", "show this help")(
      "define,d", po::value<std::vector<std::string>>(&c.defines)->composing(),
      "substitute ${NAME} in the query text with VALUE (NAME=VALUE, repeatable)")(
      "sql,e", po::value<std::string>()->notifier([&c](const std::string& v) { c.sql = v; }),
      "use this SQL text instead of a FILE");
  return d;
}

std::string readFile(const std::string& path) {
  if (std::filesystem::is_directory(path))
    throw std::runtime_error("cannot read query file '" + path + "': it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read query file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The query text: FILE's contents or -e SQL.
std::string queryText(const Common& c) {
  return c.sql ? *c.sql : readFile(c.file);
}

sluice::ScriptOptions scriptOptions(const Common& c) {
  sluice::ScriptOptions o;
  o.name = c.sql ? "<command line>" : c.file;
  for (const auto& d : c.defines) {
    const auto eq = d.find('=');
    if (eq == std::string::npos || eq == 0)
      throw po::error("--define expects NAME=VALUE, got '" + d + "'");
    o.defines[d.substr(0, eq)] = d.substr(eq + 1);
  }
  return o;
}

// Parses a subcommand's options; returns false if help was printed.
bool parseCommand(const std::string& cmd, const std::string& summary, po::options_description& desc,
                  Common& common, const std::vector<std::string>& args) {
  po::positional_options_description pos;
  pos.add("file", 1);
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::string>(&common.file));
  po::options_description all;
  all.add(desc).add(hidden);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: sluice " << cmd << " [options] FILE|-e SQL\n\n"
              << summary << "\n\n"
              << desc;
    return false;
  }
  po::notify(vm);
  if (common.sql && !common.file.empty())
    throw po::error("sluice " + cmd + " takes a query FILE or -e SQL, not both");
  if (!common.sql && common.file.empty())
    throw po::error("sluice " + cmd + " needs a query FILE (or -e SQL)");
  return true;
}

// `--ui` takes an optional [HOST:]PORT: a bare `--ui` followed by a word that is not one (the
// query FILE) means the default port, instead of taking the FILE as the address.
std::vector<std::string> uiDefaulted(std::vector<std::string> args) {
  auto isAddress = [](const std::string& a) {
    const std::string port = a.substr(a.rfind(':') == std::string::npos ? 0 : a.rfind(':') + 1);
    return !port.empty() && port.find_first_not_of("0123456789") == std::string::npos;
  };
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--ui" && !isAddress(args[i + 1])) args[i] = "--ui=4040";
  return args;
}

// `sluice broker`: librdkafka's mock cluster on loopback until SIGINT / SIGTERM.
int runBroker(const std::vector<std::string>& args) {
  int partitions = 1, brokers = 1, port = 0;
  std::string topics, bootstrapFile;
  po::options_description d("options");
  d.add_options()("help,h", "show this help")("partitions",
                                              po::value<int>(&partitions)->default_value(1),
                                              "partitions of each topic created with --topics")(
      "topics", po::value<std::string>(&topics), "topics to create, comma-separated")(
      "bootstrap-file", po::value<std::string>(&bootstrapFile),
      "also write the bootstrap address to this file")(
      "brokers", po::value<int>(&brokers)->default_value(1), "number of brokers in the cluster")(
      "port", po::value<int>(&port),
      "a stable bootstrap address: listen on 127.0.0.1:PORT and relay to the broker (its "
      "own port stays ephemeral; clients on this machine follow the metadata to it)");
  po::variables_map vm;
  const po::positional_options_description none;  // no FILE: extra words are an error
  po::store(po::command_line_parser(args).options(d).positional(none).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: sluice broker [options]\n\nRun an in-process Kafka cluster on loopback "
                 "(librdkafka's mock cluster: in memory only, about 5 MiB or 100,000 message "
                 "sets per partition) until SIGINT or SIGTERM; print its bootstrap address.\n\n"
              << d;
    return 0;
  }
  po::notify(vm);
  if (partitions < 1) throw po::error("--partitions must be at least 1");
  if (vm.count("port") && (port < 1 || port > 65535))
    throw po::error("--port must be 1..65535, got " + std::to_string(port));
  // Block the stop signals before the broker's threads start: they inherit the mask, so the
  // signals are only seen by sigwait below.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  sluice::EmbeddedBroker broker(brokers);
  for (size_t i = 0; i < topics.size();) {
    size_t j = topics.find(',', i);
    if (j == std::string::npos) j = topics.size();
    if (j > i) broker.createTopic(topics.substr(i, j - i), partitions);
    i = j + 1;
  }
  std::string bootstrap = broker.bootstrapServers();
  std::unique_ptr<sluice::PortForwarder> forwarder;
  if (port) {
    forwarder =
        std::make_unique<sluice::PortForwarder>(port, bootstrap.substr(0, bootstrap.find(',')));
    bootstrap = "127.0.0.1:" + std::to_string(port);
  }
  if (!bootstrapFile.empty()) {
    // Written under a temporary name and renamed, so a reader never sees half a line.
    const std::string tmp = bootstrapFile + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << bootstrap << "\n";
      if (!out) throw std::runtime_error("cannot write bootstrap file '" + bootstrapFile + "'");
    }
    std::filesystem::rename(tmp, bootstrapFile);
  }
  std::cout << bootstrap << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  return 0;
}

int runCommand(const std::string& cmd, const std::vector<std::string>& args) {
  if (cmd == "broker") return runBroker(args);
  Common common;
  auto desc = commonOptions(common);
  sluice::Engine engine;
  if (cmd == "check") {
    if (!parseCommand(cmd, "Parse and analyze FILE; exit 1 with file:line:col on the first error.",
                      desc, common, args))
      return 0;
    engine.check(queryText(common), scriptOptions(common));
    std::cout << (common.sql ? "<command line>" : common.file) << ": ok\n";
    return 0;
  }
  if (cmd == "explain") {
    bool extended = false, codegen = false, assembly = false;
    desc.add_options()("extended", po::bool_switch(&extended),
                       "show parsed, analyzed and optimized plans and the rules that fired")(
        "codegen", po::bool_switch(&codegen),
        "also show the optimized LLVM IR of every pipeline (EXPLAIN CODEGEN)")(
        "asm", po::bool_switch(&assembly),
        "also show the machine code the JIT generates for every pipeline, as x86-64 assembly "
        "in AT&T syntax (EXPLAIN ASM)");
    if (!parseCommand(cmd, "Show the plans of every query-producing statement in FILE.", desc,
                      common, args))
      return 0;
    if (assembly && codegen) throw po::error("--asm and --codegen cannot be combined");
    std::cout << engine.explain(queryText(common),
                                assembly   ? sluice::ExplainLevel::Asm
                                : codegen  ? sluice::ExplainLevel::Codegen
                                : extended ? sluice::ExplainLevel::Extended
                                           : sluice::ExplainLevel::Simple,
                                scriptOptions(common));
    return 0;
  }
  if (cmd == "run") {
    std::string format = "table", progress, ui;
    bool status = false, timings = false;
    desc.add_options()("format", po::value<std::string>(&format),
                       "how to print SELECT results: table (default), csv or json (JSON lines)")(
        "progress", po::value<std::string>(&progress),
        "append each streaming batch's progress (Spark's StreamingQueryProgress JSON) to FILE")(
        "status", po::bool_switch(&status),
        "show a live one-line status of streaming queries on stderr (default: when stderr is "
        "a terminal)")("timings", po::bool_switch(&timings),
                       "print on stderr how long each statement spent in each phase: parse, "
                       "analyze, optimize, plan, codegen, jit and execute (ms)")(
        "ui", po::value<std::string>(&ui)->implicit_value("4040"),
        "serve a web UI of the streaming queries, /api/queries (JSON) and /metrics "
        "(Prometheus) on [HOST:]PORT (--ui alone: 127.0.0.1:4040; a bare port listens on "
        "loopback only)");
    if (!parseCommand(cmd, "Run every statement of FILE.", desc, common, uiDefaulted(args)))
      return 0;
    sluice::ScriptOptions opts = scriptOptions(common);
    if (!ui.empty()) {
      const std::string at = engine.startUi(ui);
      std::cerr << "sluice: web UI at http://" << at << "/ (metrics at /metrics)" << std::endl;
    }
    opts.progressFile = progress;
    opts.statusLine = status || isatty(STDERR_FILENO);
    int statements = 0;
    if (timings)
      opts.onTimings = [&statements](const sluice::PhaseTimings& t) {
        if (t.statement == 0) {
          std::cerr << "timings: total (" << statements
                    << (statements == 1 ? " statement" : " statements") << "): " << t.toString()
                    << std::endl;
          return;
        }
        ++statements;
        std::cerr << "timings: statement " << t.statement << " (line " << t.line
                  << "): " << t.toString() << std::endl;
      };
    // SIGINT / SIGTERM: streaming queries finish and commit their batch, then run returns; a
    // second signal exits at once.
    installStopHandlers(engine);
    if (format == "csv") {
      opts.resultFormat = sluice::ResultFormat::Csv;
    } else if (format == "json") {
      opts.resultFormat = sluice::ResultFormat::Json;
    } else if (format != "table") {
      throw po::error("--format must be table, csv or json, got '" + format + "'");
    }
    // Each result is printed as its statement finishes: a later failure keeps them.
    opts.onOutput = [](const std::string& text) { std::cout << text << std::flush; };
    engine.execute(queryText(common), opts);
    return 0;
  }
  std::cerr << "sluice: unknown command '" << cmd << "'\n\n" << kUsage;
  return 2;
}

// The engine the signal handlers stop (one per process: the CLI runs one).
sluice::Engine* stopTarget = nullptr;
volatile std::sig_atomic_t stopSignals = 0;

void onStopSignal(int) {
  // Async-signal-safe only: an atomic store, write(2), _exit(2).
  if (stopSignals++ == 0) {
    if (stopTarget) stopTarget->requestStop();
    static const char msg[] =
        "\nsluice: stopping (streaming queries finish their batch first; press Ctrl-C again to "
        "exit at "
        "once)\n";
    [[maybe_unused]] ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
    return;
  }
  static const char msg[] =
      "\nsluice: second stop signal: exiting now; uncommitted batches run again on restart\n";
  [[maybe_unused]] ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
  _exit(130);
}

void installStopHandlers(sluice::Engine& engine) {
  stopTarget = &engine;
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
}

// glibc serves allocations over 128 KiB with mmap and returns them on free, so every large
// buffer (librdkafka's fetch responses, a chunk's columns) is page-faulted in anew: keep them
// in the heap for reuse instead. A program embedding sluice chooses its own allocator policy.
void keepLargeAllocations() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum on 64-bit
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  keepLargeAllocations();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (first == "--version" || first == "-V") {
    std::cout << "sluice " << sluice::Engine::version() << "\n";
    return 0;
  }
  try {
    return runCommand(first, std::vector<std::string>(args.begin() + 1, args.end()));
  } catch (const sluice::Interrupted& e) {
    std::cerr << e.render() << "\n";
    return 130;  // as a shell reports a command stopped by SIGINT
  } catch (const sluice::Error& e) {
    std::cerr << e.render() << "\n";
    return 1;
  } catch (const po::error& e) {
    std::cerr << "sluice: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "sluice: error: " << e.what() << "\n";
    return 1;
  }
}
