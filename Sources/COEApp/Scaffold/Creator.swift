import COEFormat
import COEWorkspace
import Foundation

/// `coe new`: creates a COE folder from the template.
public enum Creator {
    /// The longest title accepted, in words (rule T1: fewer than 20).
    public static let maximumTitleWords = 19

    public struct Request: Sendable {
        public var title: String
        public var severity: IncidentSeverity
        public var team: String
        public var owner: String?
        public var created: CalendarDate
        /// Set to choose the id (imports); nil generates a collision-free one.
        public var id: String?

        public init(title: String, severity: IncidentSeverity, team: String, owner: String? = nil, created: CalendarDate, id: String? = nil) {
            self.title = title
            self.severity = severity
            self.team = team
            self.owner = owner
            self.created = created
            self.id = id
        }
    }

    /// Writes the new COE's files and returns its metadata and folder (relative to the repository root).
    public static func create(_ request: Request, in workspace: Workspace) throws -> (metadata: Metadata, directory: String) {
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = title.split(whereSeparator: { $0.isWhitespace }).count
        guard words > 0 else { throw WorkspaceError("the title is empty") }
        guard words <= maximumTitleWords else {
            throw WorkspaceError("the title has \(words) words; a COE title has fewer than 20 (rule T1): state the customer-facing problem, not the story")
        }
        guard !title.contains("\n") else { throw WorkspaceError("the title must be one line") }
        let team = request.team.trimmingCharacters(in: .whitespaces)
        guard !team.isEmpty else { throw WorkspaceError("--team is empty") }
        let id = request.id ?? COEID.generate(on: request.created)
        if let problem = COEID.problem(with: id) { throw WorkspaceError("id '\(id)' \(problem)") }

        let directory = workspace.root == "." ? id : "\(workspace.root)/\(id)"
        let folder = workspace.workTree + "/" + directory
        guard !FileManager.default.fileExists(atPath: folder) else { throw WorkspaceError("\(directory) already exists") }
        let metadata = Metadata(id: id, title: title, severity: request.severity, status: .draft, team: team,
                                owner: request.owner ?? team, created: request.created)
        for (path, text) in COETemplate.files(for: metadata) {
            try writeNewFile(text, to: folder + "/" + path)
        }
        return (metadata, directory)
    }
}
