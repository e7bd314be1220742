import Foundation

/// The built `coe` executable: `COE_BINARY` when set, else the one beside the test bundle.
public let coeBinary: String = {
    if let explicit = ProcessInfo.processInfo.environment["COE_BINARY"] { return explicit }
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/coe",
        packageRoot + "/.build/debug/coe",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
}()

/// Runs `coe` with `arguments` in `directory`.
@discardableResult
public func coe(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> ProcessResult {
    try run(coeBinary, arguments, in: directory, environment: environment)
}
