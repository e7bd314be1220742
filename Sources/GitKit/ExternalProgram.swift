import Foundation

/// Runs the programs git itself runs for signatures (`gpg`, `gpgsm`, `ssh-keygen`): found on PATH (or
/// a path), fed `input`, with the environment changed by `environment`. The one runner for signing
/// (the workflow) and verifying (the server's gate).
public enum ExternalProgram {
    public struct Result: Sendable {
        public let status: Int32
        public let output: Data
        public let errors: String
    }

    public struct NotRun: Error, CustomStringConvertible {
        public let description: String
    }

    /// A program still running after `timeout` seconds (a signer waiting for a passphrase or a lock) is
    /// ended, and its status is the signal's.
    public static func run(_ program: String, _ arguments: [String], input: Data = Data(), environment: [String: String] = [:],
                           timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch { throw NotRun(description: "cannot run \(program): \(error)") }
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Errors are read on another thread so that neither pipe fills up and blocks the program.
        let errorData = Collector(stderr.fileHandleForReading)
        // A program that fails at once (no such key) closes its input before reading it: writing then
        // must give an error to ignore, not a SIGPIPE that ends this process.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, errors: errorData.text())
    }

    final class Collector: @unchecked Sendable {
        private let group = DispatchGroup()
        private var data = Data()
        init(_ handle: FileHandle) {
            group.enter()
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.group.leave()
            }
        }
        func text() -> String {
            group.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
