import Testing
import TestSupport
@testable import COEFormat

/// A COE is files and folders only, read within limits; what is not is an error naming the path, and a
/// part that cannot be read makes this COE unreadable rather than stopping the run (issue 13).
@Suite struct FilesAndFoldersTests {
    func problems(in source: MemorySource, directory: String = exampleDirectory, limits: ReadLimits = .default) -> [Diagnostic] {
        do {
            _ = try COEReader.read(directory: directory, from: source, limits: limits)
            return []
        } catch let error as FormatError {
            return error.diagnostics
        } catch {
            return [Diagnostic(file: "", message: "unexpected \(error)")]
        }
    }

    func only(_ diagnostics: [Diagnostic], _ file: String, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(diagnostics.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
        #expect(diagnostics.first?.file == "\(exampleDirectory)/\(file)", "\(diagnostics)", sourceLocation: sourceLocation)
        #expect(diagnostics.first?.message.contains(words) == true, "\(diagnostics)", sourceLocation: sourceLocation)
        #expect(diagnostics.first?.level == .error, sourceLocation: sourceLocation)
    }

    /// Reading only some parts (coe actions, remind, report): the others are not parsed, but the folder's
    /// listing is checked whole (a part missing, or a folder where a file belongs, still stops the COE).
    @Test func readingSomePartsChecksTheListingAndParsesOnlyThose() throws {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/whys.yaml"] = Array("happened: [\n".utf8)
        #expect(!problems(in: source).isEmpty, "whys.yaml cannot be parsed")
        let document = try COEReader.read(directory: exampleDirectory, from: source, parts: [.actions])
        #expect(document.actions.count == 6 && document.timeline.isEmpty && document.summary.isEmpty && document.whys.isEmpty
                && document.review.isEmpty && document.assets.isEmpty)
        #expect(try COEReader.read(directory: exampleDirectory, from: source, parts: [.actions, .timeline]).timeline.count > 4)
        source.files["\(exampleDirectory)/summary.md"] = nil
        #expect(throws: FormatError.self) { try COEReader.read(directory: exampleDirectory, from: source, parts: [.actions]) }
        source.files["\(exampleDirectory)/summary.md/x"] = Array("x".utf8)
        #expect(throws: FormatError.self) { try COEReader.read(directory: exampleDirectory, from: source, parts: [.actions]) }
        // The parts read are read as ever: a broken action item stops the COE.
        var broken = try exampleSource()
        broken.files["\(exampleDirectory)/actions/A2.yaml"] = Array("title: [\n".utf8)
        #expect(throws: FormatError.self) { try COEReader.read(directory: exampleDirectory, from: broken, parts: [.actions]) }
    }

    @Test func linksSubmodulesAndSpecialFilesAreErrorsAndNotRead() throws {
        for (name, kind, words) in [("attachments/logs", FileKind.submodule, "submodule"), ("actions/A7.yaml", .other, "FIFO"),
                                    ("attachments/shadow", .symlink(target: nil), "symbolic link"),
                                    ("metrics/03-x.yaml", .symlink(target: "coes/other/x.yaml"), "symbolic link")] {
            var source = try exampleSource()
            if case .symlink(let target) = kind { source.links["\(exampleDirectory)/\(name)"] = .some(target) }
            else { source.special["\(exampleDirectory)/\(name)"] = kind }
            only(problems(in: source), name, words)
        }
        // Deep inside attachments/ as well.
        var source = try exampleSource()
        source.files["\(exampleDirectory)/attachments/a/b/notes.txt"] = Array("notes".utf8)
        source.links["\(exampleDirectory)/attachments/a/b/c/key"] = .some(nil)
        only(problems(in: source), "attachments/a/b/c/key", "symbolic link")
    }

    @Test func namesThatDifferOnlyInCaseAreErrors() throws {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/actions/a1.yaml"] = source.files["\(exampleDirectory)/actions/A1.yaml"]
        only(problems(in: source), "actions/a1.yaml", "differs only in case from 'A1.yaml'")
        source = try exampleSource()
        source.files["\(exampleDirectory)/attachments/Notes.txt"] = Array("one".utf8)
        source.files["\(exampleDirectory)/attachments/notes.txt"] = Array("two".utf8)
        only(problems(in: source), "attachments/notes.txt", "differs only in case")
    }

    @Test func aPartThatCannotBeReadIsAProblemOfThisCOE() throws {
        var source = try exampleSource()
        source.unreadable.insert("\(exampleDirectory)/analysis.md")
        only(problems(in: source), "analysis.md", "Permission denied")
        source = try exampleSource()
        source.files["\(exampleDirectory)/summary.md"] = nil
        source.files["\(exampleDirectory)/summary.md/x"] = Array("x".utf8)
        let found = problems(in: source)
        #expect(found.contains { $0.file == "\(exampleDirectory)/summary.md" && $0.message.contains("must be a file, not a folder") }, "\(found)")
    }

    @Test func aCOEFolderThatIsNotAFolderSaysWhatItIs() throws {
        var source = try exampleSource()
        source.files["coes/2026-11-01-abcdefghjk"] = Array("not a folder".utf8)
        source.special["coes/2026-11-02-abcdefghjk"] = .submodule
        source.links["coes/2026-11-03-abcdefghjk"] = .some(nil)
        for (id, words) in [("2026-11-01-abcdefghjk", "is a file, not a COE folder"), ("2026-11-02-abcdefghjk", "submodule"),
                            ("2026-11-03-abcdefghjk", "symbolic link"), ("2026-11-04-abcdefghjk", "no such COE folder")] {
            let found = problems(in: source, directory: "coes/\(id)")
            #expect(found.count == 1 && found.first?.file == "coes/\(id)" && found.first?.message.contains(words) == true, "\(found)")
        }
    }

    @Test func aFileOverTheLimitIsRefusedNamingTheLimit() throws {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/analysis.md"] = Array(repeating: 0x61, count: (1 << 20) + 1)
        only(problems(in: source), "analysis.md", "is 1048577 bytes, over the limit of 1 MiB per file; not read (the limit is limits.max_file_bytes in .coe.yaml)")
        // Raised in the configuration, it is read.
        #expect(problems(in: source, limits: ReadLimits(fileBytes: 2 << 20)).isEmpty)
    }

    @Test func aCOEOverItsLimitsStopsBeingRead() throws {
        let source = try exampleSource()
        let total = source.files.filter { $0.key.hasSuffix(".yaml") || $0.key.hasSuffix(".md") }.values.map(\.count).reduce(0, +)
        let found = problems(in: source, limits: ReadLimits(coeBytes: total / 2))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains("the COE's files together are over") == true, "\(found)")
        let entries = problems(in: source, limits: ReadLimits(coeEntries: 10))
        #expect(entries.count == 1 && entries.first?.message.contains("more than 10 files and folders") == true, "\(entries)")
    }

    @Test func unsafeIdsInRelatedAndActionListsAreErrorsShownEscaped() throws {
        for (file, old, new, words) in [
            ("coe.yaml", "related: []", "related: [\"../../etc\"]", "must not contain '/'"),
            ("coe.yaml", "related: []", "related: [\"a\\0b\"]", "'\\0'"),
            ("coe.yaml", "related: []", "related: [/etc/passwd]", "must not contain '/'"),
            ("lessons.yaml", "actions: [A1", "actions: [\"A\\u0007\", A1", "'\\u{07}'"),
            ("whys.yaml", "actions: [A1]", "actions: [\"..\"]", "must not contain '..'"),
        ] {
            var source = try exampleSource()
            let path = "\(exampleDirectory)/\(file)"
            let text = String(decoding: source.files[path]!, as: UTF8.self)
            #expect(text.contains(old), "\(file) holds \(old)")
            source.files[path] = Array(text.replacingOccurrences(of: old, with: new).utf8)
            let found = problems(in: source)
            #expect(found.count == 1 && found.first?.file == path && found.first?.position != nil, "\(file): \(found)")
            #expect(found.first?.message.contains(words) == true, "\(file): \(found)")
            #expect(found.first?.message.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } == true)
        }
    }
}
