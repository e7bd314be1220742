import COEFormat
import COEProcess
import COEWorkspace
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEWorkflow

@Suite struct IdentityTests {
    @Test(arguments: [
        ("2026-11-22T16:15:00Z", 1_795_364_100, 0), ("2026-11-22T17:15:00+01:00", 1_795_364_100, 60),
        ("2026-11-22T17:15:00+0100", 1_795_364_100, 60), ("2026-11-22 17:15:00 +0100", 1_795_364_100, 60),
        ("@1795364100 +0000", 1_795_364_100, 0), ("@1795364100", 1_795_364_100, 0), ("1795364100 -0130", 1_795_364_100, -90),
        ("Sun, 22 Nov 2026 16:15:00 +0000", 1_795_364_100, 0), ("22 Nov 2026 11:15:00 -0500", 1_795_364_100, -300),
    ] as [(String, Int64, Int32)])
    func datesAreReadAsGitReadsThem(text: String, seconds: Int64, offset: Int32) {
        let parsed = Identity.parseGitDate(text)
        #expect(parsed?.0 == seconds && parsed?.1 == offset, "\(text)")
    }

    @Test(arguments: ["yesterday", "2026-13-01T00:00:00Z", "1795364100 +01", "", "Sun, 22 Foo 2026 16:15:00 +0000"])
    func otherTextIsNotADate(text: String) {
        #expect(Identity.parseGitDate(text) == nil)
    }

    @Test func environmentComesFirstThenConfiguration() throws {
        let fixture = try GitFixture()
        let repository = try Repository.discover(from: fixture.path)
        let fromConfig = try Identity.current(in: repository, environment: [:], now: Date(timeIntervalSince1970: 1_000))
        #expect(fromConfig.author.name == "Casey Author" && fromConfig.author.email == "author@example.com" && fromConfig.author.time == 1_000)
        let fromEnvironment = try Identity.current(in: repository, environment: [
            "GIT_AUTHOR_NAME": "Rae", "GIT_AUTHOR_EMAIL": "rae@example.com", "GIT_AUTHOR_DATE": "@2000 +0200",
            "GIT_COMMITTER_DATE": "1970-01-01T01:00:00Z",
        ])
        #expect(fromEnvironment.author.name == "Rae" && fromEnvironment.author.time == 2000 && fromEnvironment.author.offsetMinutes == 120)
        #expect(fromEnvironment.committer.name == "Casey Author" && fromEnvironment.committer.time == 3600)
        #expect(throws: WorkflowError.self) { try Identity.current(in: repository, environment: ["GIT_AUTHOR_DATE": "soon"]) }
    }
}

@Suite struct ReviewRecordTests {
    let id = "20261122T161500Z-3f9a1c2e7b"

    func parse(_ text: String, id: String? = nil) throws -> ReviewRecord {
        try ReviewFile.parse(try SourceText.decode(Array(text.utf8), file: "review/x.yaml"), id: id ?? self.id)
    }

    @Test func aRecordRoundTrips() throws {
        let record = ReviewRecord(id: id, kind: .comment, author: "Rae Reviewer <rae@example.com>", at: Timestamp("2026-11-22T16:15:00Z")!,
                                  part: "impact", line: 3, item: "A2", text: "Which region?\nAnd when: \"09:12\"?")
        let back = try parse(ReviewFile.serialize(record))
        #expect(back == record)
        #expect(back.authorEmail == "rae@example.com" && back.authorName == "Rae Reviewer")
    }

    @Test func problemsArePositioned() throws {
        #expect(ReviewFile.isValidID(id) && !ReviewFile.isValidID("20261122-3f9a") && !ReviewFile.isValidID("20261122T161500Z-3F9A1C2E7B"))
        func problems(_ text: String) -> [String] {
            do { _ = try parse(text); return [] } catch let error as FormatError { return error.diagnostics.map(\.description) } catch { return ["\(error)"] }
        }
        #expect(problems("kind: reply\nauthor: R <r@x>\nat: 2026-11-22T16:15:00Z\ntext: hi\n").contains { $0.contains(":1:1") && $0.contains("reply_to") })
        #expect(problems("kind: approval\nauthor: R <r@x>\nat: 2026-11-22T16:15:00Z\n").contains { $0.contains("content_hash") })
        #expect(problems("kind: comment\nauthor: R <r@x>\nat: 2026-11-22T16:15:00Z\n").contains { $0.contains("needs 'text'") })
        #expect(problems("kind: comment\nauthor: R <r@x>\nat: 2026-11-22T16:15:00Z\ntext: t\ncolour: red\n").contains { $0.contains(":5:1") && $0.contains("colour") })
        #expect(problems("kind: gossip\nauthor: R <r@x>\nat: 2026-11-22T16:15:00Z\ntext: t\n").contains { $0.contains(":1:7") })
    }

    @Test func anUnknownFileInTheReviewFolderIsReported() throws {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/review/notes.txt"] = Array("x".utf8)
        #expect(throws: FormatError.self) { try COEReader.read(directory: exampleDirectory, from: source) }
        do { _ = try COEReader.read(directory: exampleDirectory, from: source) } catch let error as FormatError {
            #expect(error.diagnostics.contains { $0.rule == "S3" && $0.file.hasSuffix("review/notes.txt") })
        }
    }

    @Test func anAnswerMadeInTheSameSecondAsItsCommentStillAnswersIt() {
        let comment = ReviewRecord(id: "20261101T150000Z-f34135096e", kind: .comment, author: "Rae <rae@x>", at: Timestamp(seconds: 0), text: "Why?")
        let resolution = ReviewRecord(id: "20261101T150000Z-13f879a276", kind: .resolution, author: "Casey <casey@x>", at: Timestamp(seconds: 0),
                                      replyTo: comment.id, text: "Because.")
        let state = ReviewState([resolution, comment])
        #expect(state.openThreads.isEmpty && state.threads.first?.resolution?.id == resolution.id && state.orphans.isEmpty)
    }

    @Test func threadsApprovalsAndTheirValidity() throws {
        func record(_ n: Int, _ kind: ReviewRecord.Kind, by who: String = "Rae <rae@x>", to: String? = nil, hash: String? = nil) -> ReviewRecord {
            ReviewRecord(id: "20261122T16150\(n)Z-000000000\(n)", kind: kind, author: who, at: Timestamp(seconds: Int64(n)), replyTo: to, contentHash: hash, text: "t")
        }
        let comment = record(1, .comment), changes = record(2, .changesRequested)
        let state = ReviewState([record(6, .approval, hash: "old"), record(3, .reply, to: comment.id), changes, comment,
                                 record(4, .resolution, to: comment.id), record(7, .approval, by: "Sam <sam@x>", hash: "new"),
                                 record(8, .approval, hash: "new"), record(5, .resolution, to: "20261122T161509Z-0000000009")])
        #expect(state.threads.map(\.comment.id) == [comment.id, changes.id])
        #expect(state.openThreads.map(\.comment.id) == [changes.id])
        #expect(state.threads[0].replies.count == 1 && state.orphans.count == 1)
        // Counted as every caller counts them (the count moved to COEProcess's Approvals, with rule P3).
        let facts = ProcessFacts(coe: .init(id: "c"), records: state.approvals, content: ContentIdentity(current: "new"), configuration: Configuration())
        #expect(facts.approvals.counting.map(\.authorEmail).sorted() == ["rae@x", "sam@x"])
        #expect(facts.approvals.voided.count == 1)
        #expect(throws: ThreadReferenceError.self) { try state.thread("2026") }
        #expect(try state.thread(String(changes.id.prefix(18))).comment.id == changes.id)
    }
}

@Suite struct ContentHashTests {
    @Test func theStatusAndTheReviewRecordAreNotContent() throws {
        let fixture = try GitFixture()
        let repository = try Repository.discover(from: fixture.path)
        var source = try exampleSource()
        let original = try ContentHash.of(directory: exampleDirectory, in: source, repository: repository)
        let metadata = "\(exampleDirectory)/coe.yaml"
        source.files[metadata] = Array(String(decoding: source.files[metadata]!, as: UTF8.self).replacingOccurrences(of: "status: closed", with: "status: review").utf8)
        source.files["\(exampleDirectory)/review/20261122T161500Z-3f9a1c2e7b.yaml"] = Array("kind: comment\n".utf8)
        #expect(try ContentHash.of(directory: exampleDirectory, in: source, repository: repository) == original)
        source.files["\(exampleDirectory)/actions/A1.yaml"]!.append(contentsOf: Array("# note\n".utf8))
        #expect(try ContentHash.of(directory: exampleDirectory, in: source, repository: repository) != original)
    }
}
