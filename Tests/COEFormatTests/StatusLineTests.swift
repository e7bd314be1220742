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
}
