import ArgumentParser
import COEFormat
import COEHistory
import COEWorkflow
import COEWorkspace
import Foundation

/// What the shells complete (`coe --generate-completion-script bash|zsh|fish`, docs/shell.md). COE ids and
/// comment ids come from the repository the command line works on (its `--repo`, else the current folder),
/// asked when the shell completes (`CompletionKind.custom`); parts are fixed lists, and formats, statuses
/// and the other enumerated values swift-argument-parser completes from the options' own values.
enum Completions {
    /// The help of the argument naming a COE, the same in every command that takes one.
    static let coeHelp = ArgumentHelp("The COE's id, a unique prefix of it, or its folder.")

    /// The ids (folder names) of the COEs in the work tree.
    static func coeIDs(_ words: [String]) -> [String] {
        guard let workspace = workspace(words), let folders = try? workspace.coeDirectories(in: workspace.workingTree) else { return [] }
        return folders.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.filter { !$0.hasPrefix(".") }
    }

    /// The ids of the comments of the COE the command line names (the first word after `command` that is
    /// not an option), as HEAD has them; open threads first, as they are the ones answered.
    static func commentIDs(_ words: [String], command: String) -> [String] {
        guard let workspace = workspace(words), let at = words.firstIndex(of: command),
              let coe = words[(at + 1)...].first(where: { !$0.hasPrefix("-") }),
              let review = try? Workflow.reviewState(coe, in: workspace) else { return [] }
        let threads = review.state.threads
        return (threads.filter(\.isOpen) + threads.filter { !$0.isOpen }).map(\.comment.id)
    }

    /// The graphs (metrics file names without .yaml) of the COE the command line names after `command`.
    static func graphNames(_ words: [String], command: String) -> [String] {
        guard let workspace = workspace(words), let at = words.firstIndex(of: command),
              let coe = words[(at + 1)...].first(where: { !$0.hasPrefix("-") }),
              let directory = try? workspace.resolve(coe),
              let entries = try? workspace.workingTree.list(directory + "/metrics") else { return [] }
        return entries.map(\.name).filter { $0.hasSuffix(".yaml") }.map(Graph.name(ofFile:))
    }

    /// The workspace of `--repo <path>` (or `--repo=<path>`) on the command line, else of the current folder.
    static func workspace(_ words: [String]) -> Workspace? {
        var folder = FileManager.default.currentDirectoryPath
        if let at = words.firstIndex(of: "--repo"), at + 1 < words.count {
            folder = words[at + 1]
        } else if let given = words.first(where: { $0.hasPrefix("--repo=") }) {
            folder = String(given.dropFirst("--repo=".count))
        }
        return try? Workspace(at: folder)
    }
}

extension CompletionKind {
    /// COE ids, from the repository.
    static var coeIDs: CompletionKind { .custom { words, _, prefix in Completions.coeIDs(words).filter { $0.hasPrefix(prefix) } } }

    /// Graph names of the COE named before them, for `command` (graph).
    static func graphNames(of command: String) -> CompletionKind {
        .custom { words, _, prefix in Completions.graphNames(words, command: command).filter { $0.hasPrefix(prefix) } }
    }

    /// Comment ids of the COE named before them, for `command` (reply, resolve).
    static func commentIDs(of command: String) -> CompletionKind {
        .custom { words, _, prefix in Completions.commentIDs(words, command: command).filter { $0.hasPrefix(prefix) } }
    }
}
