import COEFormat
import Testing

/// The split of an action file into approved content and tracking state (`ActionTracking`).
@Suite("Action tracking state")
struct ActionTrackingTests {
    func approved(_ text: String) -> String? {
        ActionTracking.approvedContent(of: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func trackingBlocksAreRemovedAndTheRestKeptAsWritten() {
        let text = """
            # Owned by the platform team.
            title: Add a "pool size" check   # required
            status: in-progress
            description: |
              Two lines,
              status: not a key here.
            notes:
            - date: 2026-11-20
              text: started
            due: 2026-12-01
            slips:
              - date: 2026-11-21
                to: 2026-12-01
                reason: waiting on the vendor

            evidence: abc123

            """
        #expect(approved(text) == """
            # Owned by the platform team.
            title: Add a "pool size" check   # required
            description: |
              Two lines,
              status: not a key here.
            due: 2026-12-01

            """)
        #expect(approved("title: x\n") == "title: x\n")
    }

    @Test func aSplitYAMLWouldReadOtherwiseIsRefused() {
        // The quoted status runs over the next line: without it, `owner` would become a key.
        #expect(approved("title: x\nstatus: \"open\nowner: y\"\n") == nil)
        // An alias in approved content naming an anchor in tracking state.
        #expect(approved("status: &s open\ntitle: *s\n") == nil)
        // Not YAML at all.
        #expect(approved("title: [x\nstatus: open\n") == nil)
    }

    @Test func replacingTrackingKeepsApprovedBytesAndReadsBack() throws {
        let text = "title:   Spaced   # kept\nstatus: open\ndue: 2026-12-01\nowner: ops\n"
        var item = try ActionFile.parse(SourceText(file: "A1.yaml", text: text), id: "A1")
        item.status = .done
        item.doneOn = CalendarDate("2026-11-30")
        item.doneBy = "ops"
        item.evidence = "https://example.com/pr/1: merged"
        item.notes = [ActionNote(date: CalendarDate("2026-11-29")!, by: "Ann", text: "Line one.\nLine two: with a colon.\n")]
        item.slips = [ActionSlip(date: CalendarDate("2026-11-20")!, from: CalendarDate("2026-11-25"), to: CalendarDate("2026-12-01")!,
                                 reason: "the vendor's fix came late")]
        let written = try #require(ActionTracking.replacingTracking(in: Array(text.utf8), with: item))
        let writtenText = String(decoding: written, as: UTF8.self)
        #expect(writtenText.hasPrefix("title:   Spaced   # kept\ndue: 2026-12-01\nowner: ops\nstatus: done\n"))
        let back = try ActionFile.parse(SourceText(file: "A1.yaml", text: writtenText), id: "A1")
        #expect(back == item)
        #expect(ActionTracking.approvedContent(of: written) == ActionTracking.approvedContent(of: Array(text.utf8)))
    }

    /// Comments among the tracking keys would be dropped when the tracking state is written anew: found,
    /// and told apart from `#` inside a note's text or quotes, and from comments in approved content.
    @Test func commentsInTheTrackingStateAreFound() {
        func has(_ text: String) -> Bool { ActionTracking.commentsInTracking(Array(text.utf8)) }
        #expect(has("title: x\nevidence: PAY-9  # the ticket, not the PR\n"))
        #expect(has("title: x\nnotes:\n  # ask Sam before closing\n  - date: 2026-11-20\n    text: y\n"))
        #expect(has("title: x\r\nstatus: open # until the drill\r\n"))
        #expect(!has("# owned by ops\ntitle: x # approved\nstatus: open\n"))
        #expect(!has("title: x\nnotes:\n  - date: 2026-11-20\n    text: |\n      See issue #12.\n      # not a comment\n"))
        #expect(!has("title: x\nevidence: \"PAY-9 #2\"\nstatus: 'open # really'\n"))
    }
}
