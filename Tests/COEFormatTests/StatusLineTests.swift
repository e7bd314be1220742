import COEFormat
import Testing

@Suite("Status line")
struct StatusLineTests {
    let file = "id: x\nstatus: review   # set by coe\ntitle: \"status: draft\"\n"

    @Test func readReplacedAndRemovedLeavingTheRestAsWritten() {
        let bytes = Array(file.utf8)
        #expect(StatusLine.status(in: bytes) == .review)
        #expect(StatusLine.status(in: Array("status: 'approved'\r\n".utf8)) == .approved)
        #expect(StatusLine.status(in: Array("  status: draft\n".utf8)) == nil, "only a top-level line")
        #expect(StatusLine.status(in: Array("status: pending\n".utf8)) == nil)
        #expect(String(decoding: StatusLine.replacing(.approved, in: bytes)!, as: UTF8.self)
                == "id: x\nstatus: approved # set by coe\ntitle: \"status: draft\"\n")
        #expect(String(decoding: StatusLine.removed(from: bytes), as: UTF8.self) == "id: x\ntitle: \"status: draft\"\n")
        #expect(StatusLine.replacing(.draft, in: Array("id: x\n".utf8)) == nil)
        #expect(StatusLine.removed(from: Array("status: draft".utf8)).isEmpty)
    }

    /// A status line holding another line break YAML reads (a lone CR, NEL, LS, PS) is two lines to YAML:
    /// it is not read, removed or replaced as one (a key hidden behind `status: approved #\r` would
    /// otherwise leave the content hash as it was).
    @Test func aLineHidingABreakIsNotAStatusLine() {
        for hidden in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            let bytes = Array("id: x\nstatus: approved #\(hidden)confidentiality: public\ntitle: t\n".utf8)
            #expect(StatusLine.status(in: bytes) == nil, "\(hidden.unicodeScalars.first!.value)")
            #expect(StatusLine.removed(from: bytes) == bytes)
            #expect(StatusLine.replacing(.published, in: bytes) == nil)
        }
        // A CRLF line end is one break, kept when the status is replaced.
        let crlf = Array("id: x\r\nstatus: approved\r\ntitle: t\r\n".utf8)
        #expect(StatusLine.status(in: crlf) == .approved)
        #expect(String(decoding: StatusLine.replacing(.published, in: crlf)!, as: UTF8.self) == "id: x\r\nstatus: published\r\ntitle: t\r\n")
    }
}
