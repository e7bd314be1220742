// Fuzz target: a whole COE folder, read and linted (COEReader and every lint rule), from an in-memory
// source. The input is split at 0xFF bytes; the n-th piece replaces the n-th file below in the example
// COE (from COE_FUZZ_EXAMPLE), the last one `.coe.yaml`. Lint must be deterministic: twice the same findings.
import COEFormat
import COELint
import Foundation

/// Files in memory, by path under the repository root.
struct MemoryFiles: FileSource {
    var files: [String: [UInt8]]
    var label: String { "fuzz" }

    func list(_ directory: String) throws -> [FileEntry]? {
        let prefix = directory.isEmpty ? "" : directory + "/"
        if files[directory] != nil { return nil }
        var names: [String: FileKind] = [:]
        for path in files.keys where path.hasPrefix(prefix) {
            let parts = path.dropFirst(prefix.count).split(separator: "/", maxSplits: 1)
            guard let first = parts.first else { continue }
            names[String(first)] = parts.count > 1 ? .directory : .file
        }
        return names.isEmpty ? nil : names.keys.sorted().map { FileEntry(name: $0, kind: names[$0]!) }
    }

    func read(_ path: String) throws -> [UInt8]? { files[path] }
}

let directory = "coes/2026-10-14-k7qm3xv9dh"
let slots = ["coe.yaml", "summary.md", "impact.md", "response.md", "analysis.md", "timeline.yaml", "whys.yaml", "lessons.yaml",
             "actions/A1.yaml", "metrics/01-checkout-error-rate.yaml", "review/20261122T161500Z-3f9a1c2e7b.yaml",
             "attachments/notes.txt", ".coe.yaml"]

/// The example COE's files, read once.
let example: [String: [UInt8]] = {
    guard let root = ProcessInfo.processInfo.environment["COE_FUZZ_EXAMPLE"],
          let walker = FileManager.default.enumerator(atPath: root) else { fatalError("set COE_FUZZ_EXAMPLE to the example COE's folder") }
    var files: [String: [UInt8]] = [:]
    while let relative = walker.nextObject() as? String {
        if let data = FileManager.default.contents(atPath: root + "/" + relative), walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
            files["\(directory)/\(relative)"] = Array(data)
        }
    }
    return files
}()

/// Lints the example once before fuzzing, so that every rule's patterns and word lists (globals made on
/// first use, and kept) exist before the leak checker starts counting.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    let settings = LintSettings(configuration: Configuration(), today: CalendarDate("2026-11-22")!, historyNames: ["Jordan Rivera"])
    _ = Linter.lint(directory: directory, source: MemoryFiles(files: example), settings: settings)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: count)
    var source = MemoryFiles(files: example)
    var configuration = Configuration()
    for (index, piece) in bytes.split(separator: 0xFF, omittingEmptySubsequences: false).prefix(slots.count).enumerated() {
        if slots[index] == ".coe.yaml" {
            if let text = try? SourceText.decode(Array(piece), file: ".coe.yaml"), let parsed = try? Configuration.parse(text) {
                configuration = parsed
            }
        } else {
            source.files["\(directory)/\(slots[index])"] = Array(piece)
        }
    }
    let settings = LintSettings(configuration: configuration, today: CalendarDate("2026-11-22")!, historyNames: ["Jordan Rivera"],
                                knownIDs: ["2026-10-14-k7qm3xv9dh", "2026-09-01-abcdefghjk"])
    let first = Linter.lint(directory: directory, source: source, settings: settings)
    let second = Linter.lint(directory: directory, source: source, settings: settings)
    if first.findings != second.findings || first.id != second.id { broken("lint is not deterministic") }
    for finding in first.findings {
        if finding.message.isEmpty { broken("an empty message") }
        if let position = finding.position, position.line < 1 || position.column < 1 { broken("position \(position)") }
    }
    return 0
}
