import Foundation
import Testing
import TestSupport

/// Golden files: a command's whole output, kept under Tests/COECommandsTests/Golden/.
///
/// `COE_UPDATE_GOLDEN=1 swift test --filter COECommandsTests` writes them from the current output;
/// otherwise a difference fails the test with a unified diff (golden → actual).
enum Golden {
    static let folder = packageRoot + "/Tests/COECommandsTests/Golden"
    static var updating: Bool { ProcessInfo.processInfo.environment["COE_UPDATE_GOLDEN"] == "1" }

    /// A run as a golden file: the command line, the exit status, then standard output and standard error.
    static func transcript(_ arguments: [String], _ result: ProcessResult, stdin: String = "") -> String {
        var text = "$ coe " + arguments.map(shellWord).joined(separator: " ") + "\n"
        if !stdin.isEmpty { text += "-- stdin\n" + stdin + (stdin.hasSuffix("\n") ? "" : "\n") }
        text += "-- exit \(result.status)\n"
        if !result.stdout.isEmpty { text += "-- stdout\n" + result.stdout + (result.stdout.hasSuffix("\n") ? "" : "\n-- (no final newline)\n") }
        if !result.stderr.isEmpty { text += "-- stderr\n" + result.stderr + (result.stderr.hasSuffix("\n") ? "" : "\n-- (no final newline)\n") }
        return text
    }

    /// Compares `actual` with the golden file `name` (a path under the folder), or writes it when updating.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder + "/" + name
        if updating {
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                Issue.record("cannot write the golden file \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let golden = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            Issue.record("no golden file \(name): run COE_UPDATE_GOLDEN=1 swift test --filter COECommandsTests, and review it",
                         sourceLocation: sourceLocation)
            return
        }
        guard golden != actual else { return }
        Issue.record("""
            the output differs from the golden file \(name) (COE_UPDATE_GOLDEN=1 rewrites it when the change is meant):
            \(diff(golden, actual, name: name))
            """, sourceLocation: sourceLocation)
    }

    /// A unified diff by `diff -u`, or both texts whole when it cannot run.
    static func diff(_ golden: String, _ actual: String, name: String) -> String {
        guard let scratch = try? ScratchFolder("coe-golden") else { return "golden:\n\(golden)\nactual:\n\(actual)" }
        do {
            try scratch.write("golden", golden)
            try scratch.write("actual", actual)
            let result = try run("/usr/bin/diff", ["-u", "--label", "golden/\(name)", "--label", "actual", "golden", "actual"], in: scratch.path)
            return result.stdout
        } catch {
            return "golden:\n\(golden)\nactual:\n\(actual)"
        }
    }

    private static func shellWord(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@~^,+".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Makes output that names things a run cannot fix the same on every run: the repository's temporary
/// folder, commit ids (review records carry a random part, so every later commit differs), the random
/// part of review record ids and of new COE ids, and the names of saved texts.
struct Normaliser {
    private var literals: [(String, String)] = []
    private var commits: [String: String] = [:]

    /// `folder` becomes `<repo>`; the commits of `fixture`, oldest first, become `<commit-1>`, `<commit-2>`, …
    init(folder: String, label: String = "<repo>", fixture: GitFixture? = nil) throws {
        literals.append((folder, label))
        guard let fixture else { return }
        let hashes = try fixture.git(["log", "--all", "--reverse", "--topo-order", "--format=%H"]).split(separator: "\n").map(String.init)
        for (index, hash) in hashes.enumerated() {
            commits[hash] = "<commit-\(index + 1)>"
            commits[String(hash.prefix(8))] = "<commit-\(index + 1)>"
        }
    }

    /// Another literal to replace.
    mutating func replace(_ text: String, with label: String) { literals.append((text, label)) }

    func apply(_ text: String) -> String {
        var out = text
        for (literal, label) in literals { out = out.replacingOccurrences(of: literal, with: label) }
        out = out.replacing(/\b[0-9a-f]{40}\b|\b[0-9a-f]{8}\b/) { match in commits[String(match.output)] ?? String(match.output) }
        out = out.replacing(/(\d{8}T\d{6}Z)-[0-9a-f]{10}/) { match in "\(match.output.1)-xxxxxxxxxx" }
        // A saved text is named by the clock and the process: neither is the same twice.
        out = out.replacing(/coe\/unsent\/[^ \n]+\.txt/) { _ in "coe/unsent/<saved>.txt" }
        return out
    }
}
