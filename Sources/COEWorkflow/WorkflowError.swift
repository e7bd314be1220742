import COEProcess

/// Why a workflow command did nothing.
public enum WorkflowError: Error, Sendable, CustomStringConvertible {
    /// Bad input or set-up: an unknown COE, a missing identity, uncommitted changes in the way (exit 2).
    case usage(String)
    /// Process rules of the COE standard (or lint, to enter review) refuse the step (exit 1): every
    /// finding that refuses, each with its rule's ID.
    case refused([ProcessFinding])
    /// The commit could not be made (a lock held too long, a rebase in progress, a full disk). The
    /// text the user wrote, if any, was saved at `savedAt` (exit 2).
    case notCommitted(String, savedAt: String?)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .refused(let findings):
            guard findings.count > 1 else { return findings.first?.description ?? "refused" }
            return "\(findings.count) reasons:\n" + findings.map { "  \($0.description)" }.joined(separator: "\n")
        case .notCommitted(let message, let saved):
            guard let saved else { return "no commit made: \(message)" }
            return "no commit made: \(message)\nyour text is saved in \(saved); once the cause is fixed, run the same command with --file \(saved)"
        }
    }
}
