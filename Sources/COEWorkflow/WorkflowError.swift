/// Why a workflow command did nothing.
public enum WorkflowError: Error, Sendable, CustomStringConvertible {
    /// Bad input or set-up: an unknown COE, a missing identity, uncommitted changes in the way (exit 2).
    case usage(String)
    /// A process rule of the COE standard refuses the move (exit 1), with the rule's ID.
    case refused(rule: String, String)
    /// The commit could not be made (a lock held too long, a rebase in progress, a full disk). The
    /// text the user wrote, if any, was saved at `savedAt` (exit 2).
    case notCommitted(String, savedAt: String?)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .refused(let rule, let message): return "[\(rule)] \(message)"
        case .notCommitted(let message, let saved):
            guard let saved else { return "no commit made: \(message)" }
            return "no commit made: \(message)\nyour text is saved in \(saved); once the cause is fixed, run the same command with --file \(saved)"
        }
    }
}
