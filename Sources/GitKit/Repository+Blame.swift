import CLibGit2

/// Who last changed a run of lines of a file.
public struct BlameHunk: Sendable, Equatable {
    /// 1-based, in the file as it is at the starting commit.
    public let startLine: Int
    public let lineCount: Int
    public let commit: ObjectID
    public let author: Signature
}

extension Repository {
    /// libgit2's blame of the file at `path` as of `newest` (the commit that last changed each line).
    ///
    /// Lines are followed within the file; libgit2 1.5 does not follow a file across a rename,
    /// so lines older than a move are given to the commit that moved them.
    public func blame(path: String, newest: ObjectID) throws -> [BlameHunk] {
        var options = git_blame_options()
        try check(git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)), "blame options")
        options.newest_commit = newest.raw
        var blame: OpaquePointer?
        try check(git_blame_file(&blame, pointer, path, &options), "blame \(path)")
        defer { git_blame_free(blame) }
        var hunks: [BlameHunk] = []
        for index in 0..<git_blame_get_hunk_count(blame) {
            guard let hunk = git_blame_get_hunk_byindex(blame, index) else { continue }
            let author = hunk.pointee.final_signature.map { Signature(UnsafePointer($0)) }
                ?? Signature(name: "", email: "", time: 0)
            hunks.append(BlameHunk(startLine: Int(hunk.pointee.final_start_line_number), lineCount: Int(hunk.pointee.lines_in_hunk),
                                   commit: ObjectID(hunk.pointee.final_commit_id), author: author))
        }
        return hunks
    }
}
