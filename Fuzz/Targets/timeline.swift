// Fuzz target: timeline.yaml (timeline). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = "timeline.yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try TimelineFile.parse(source)
        roundTrip(value, file: file, serialize: { TimelineFile.serialize($0) }, parse: { try TimelineFile.parse($0) }, same: { $0 == $1 })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
