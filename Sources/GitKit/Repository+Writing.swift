import CLibGit2

extension GitError {
    /// True when a lock file was in the way (another process writing the index or a reference).
}

extension Repository {
    /// The operation in progress in this repository (a merge, rebase, cherry-pick, revert, bisect,
    /// or an `am` session), or nil when there is none.
    public var operationInProgress: String? {
        switch git_repository_state(pointer) {
        case Int32(GIT_REPOSITORY_STATE_NONE.rawValue): return nil
        case Int32(GIT_REPOSITORY_STATE_MERGE.rawValue): return "a merge"
        case Int32(GIT_REPOSITORY_STATE_REVERT.rawValue), Int32(GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue): return "a revert"
        case Int32(GIT_REPOSITORY_STATE_CHERRYPICK.rawValue), Int32(GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue): return "a cherry-pick"
        case Int32(GIT_REPOSITORY_STATE_BISECT.rawValue): return "a bisect"
        case Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX.rawValue), Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE.rawValue): return "git am"
        default: return "a rebase"
        }
    }

    /// The id `bytes` would have as a blob, without writing it.
    public func hashBlob(_ bytes: [UInt8]) throws -> ObjectID { try Self.hashBlob(bytes) }

    /// The id `bytes` would have as a blob. It reads no repository, so any thread may call it.
    public static func hashBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        _ = try bytes.withUnsafeBytes { buffer in
            try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "hash content")
        }
        return ObjectID(oid)
    }

    /// The id the regular file open at `descriptor` would have as a blob, without writing it or holding
    /// it whole: libgit2 hashes it in 64 KiB reads (`git_odb_hashfile`), through the descriptor's own
    /// name (`/proc/self/fd/N`, `/dev/fd/N`), so the file hashed is the one opened, whatever its path
    /// has become since. A file that changes size meanwhile is an error, not a hash of half of each.
    public func hashBlob(fileDescriptor descriptor: Int32) throws -> ObjectID { try Self.hashBlob(fileDescriptor: descriptor) }

    /// `hashBlob(fileDescriptor:)`, which reads no repository, so any thread may call it.
    public static func hashBlob(fileDescriptor descriptor: Int32) throws -> ObjectID {
        #if os(Linux)
        let path = "/proc/self/fd/\(descriptor)"
        #else
        let path = "/dev/fd/\(descriptor)"
        #endif
        var oid = git_oid()
        try check(git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB), "hash a file")
        return ObjectID(oid)
    }

    /// The text of a commit object, as it would be written: what a signature signs.
    public func commitText(tree: ObjectID, parents: [ObjectID], message: String, author: Signature, committer: Signature) throws -> String {
        var treeOID = tree.raw
        var treeObject: OpaquePointer?
        try check(git_tree_lookup(&treeObject, pointer, &treeOID), "read tree \(tree.abbreviated())")
        defer { git_tree_free(treeObject) }
        var parentObjects: [OpaquePointer?] = []
        defer { parentObjects.forEach { git_commit_free($0) } }
        for parent in parents {
            var oid = parent.raw
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, pointer, &oid), "read parent \(parent.abbreviated())")
            parentObjects.append(commit)
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        _ = try author.withGitSignature { authorSig in
            try committer.withGitSignature { committerSig in
                try parentObjects.withUnsafeMutableBufferPointer { list in
                    try check(git_commit_create_buffer(&buffer, pointer, authorSig, committerSig, "UTF-8", message, treeObject,
                                                       list.count, list.baseAddress), "prepare commit")
                }
            }
        }
        return String(cString: buffer.ptr)
    }

    /// A commit's signature (the `gpgsig` header, SSH or OpenPGP armour) and the bytes it signs (the
    /// commit object without that header), or nil for an unsigned commit. libgit2 verifies nothing: the
    /// caller hands both to `ssh-keygen -Y verify` or `gpg --verify`.
    public func commitSignature(_ commit: ObjectID) throws -> (signature: [UInt8], signed: [UInt8])? {
        var signature = git_buf(), signed = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&signed)
        }
        var oid = commit.raw
        let code = git_commit_extract_signature(&signature, &signed, pointer, &oid, nil)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        _ = try check(code, "read the signature of \(commit.abbreviated())")
        func bytes(_ buffer: git_buf) -> [UInt8] {
            guard let start = buffer.ptr else { return [] }
            return Array(UnsafeRawBufferPointer(start: start, count: buffer.size))
        }
        return (bytes(signature), bytes(signed))
    }

    /// Writes a commit object from its text (`commitText`), with a signature when one is given
    /// (`gpgsig` header, as `git commit -S` writes it). Moves no reference.
    public func writeCommit(text: String, signature: String?) throws -> ObjectID {
        var oid = git_oid()
        try check(git_commit_create_with_signature(&oid, pointer, text, signature, nil), "write commit")
        return ObjectID(oid)
    }

    /// Moves a reference to `new`, only if it still points to `old` (nil: the reference must not exist
    /// yet, an unborn branch). A reference moved by someone else meanwhile gives a `GitError` whose
    /// `isModified` (or, while another process holds its lock, `code` is `GIT_ELOCKED`) is true.
    public func moveReference(_ name: String, to new: ObjectID, from old: ObjectID?, message: String) throws {
        var reference: OpaquePointer?
        var target = new.raw
        if var current = old?.raw {
            try check(git_reference_create_matching(&reference, pointer, name, &target, 1, &current, message), "move \(name)")
        } else {
            try check(git_reference_create(&reference, pointer, name, &target, 0, message), "create \(name)")
        }
        git_reference_free(reference)
    }
}

extension Repository {
    /// The note attached to `commit` under `notesRef` (e.g. `refs/notes/coe-witness`), or nil.
    public func note(on commit: ObjectID, in notesRef: String) throws -> String? {
        var note: OpaquePointer?
        var oid = commit.raw
        let rc = git_note_read(&note, pointer, notesRef, &oid)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "read the note of \(commit.abbreviated()) in \(notesRef)")
        defer { git_note_free(note) }
        return git_note_message(note).map { String(cString: $0) }
    }

    /// Every commit that has a note under `notesRef` (none when the reference does not exist).
    public func notedCommits(in notesRef: String) throws -> [ObjectID] {
        final class Box { var ids: [ObjectID] = [] }
        let box = Box()
        let rc = withExtendedLifetime(box) {
            git_note_foreach(pointer, notesRef, { _, annotated, payload in
                guard let annotated, let payload else { return 0 }
                Unmanaged<Box>.fromOpaque(payload).takeUnretainedValue().ids.append(ObjectID(annotated))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
        }
        if rc == GIT_ENOTFOUND.rawValue { return [] }
        try check(rc, "list the notes in \(notesRef)")
        return box.ids
    }

    /// Attaches notes to commits under `notesRef` in one commit of the notes reference (existing
    /// notes are kept: a commit that already has one is skipped).
    public func addNotes(_ notes: [(commit: ObjectID, text: String)], in notesRef: String, by signature: Signature) throws {
        guard !notes.isEmpty else { return }
        try signature.withGitSignature { sig in
            for (commit, text) in notes {
                var oid = commit.raw
                var result = git_oid()
                let rc = git_note_create(&result, pointer, notesRef, sig, sig, &oid, text, 0)
                if rc == GIT_EEXISTS.rawValue { continue }
                try check(rc, "note \(commit.abbreviated()) in \(notesRef)")
            }
        }
    }
}

extension Repository {
    /// The best common ancestor of two commits (what a pull request's diff starts from), or nil when they share none.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? {
        var result = git_oid()
        var one = a.raw, two = b.raw
        let rc = git_merge_base(&result, pointer, &one, &two)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "find the merge base of \(a.abbreviated()) and \(b.abbreviated())")
        return ObjectID(result)
    }

    /// The commits every reference points to (tags peeled; references to other objects left out),
    /// or only those of references matching `glob` (`refs/remotes/origin/*`).
    public func referencedCommits(matching glob: String? = nil) throws -> [ObjectID] {
        var iterator: OpaquePointer?
        if let glob {
            try check(git_reference_iterator_glob_new(&iterator, pointer, glob), "list references \(glob)")
        } else {
            try check(git_reference_iterator_new(&iterator, pointer), "list references")
        }
        defer { git_reference_iterator_free(iterator) }
        var result: [ObjectID] = []
        var name: UnsafePointer<CChar>?
        while git_reference_next_name(&name, iterator) == 0, let name {
            if let commit = try? resolveCommit(String(cString: name)) { result.append(commit) }
        }
        return result
    }
}
