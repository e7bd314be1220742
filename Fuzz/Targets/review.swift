// Fuzz target: review/<id>.yaml (a review record: comment, reply, resolution, approval). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let id = "20261122T161500Z-3f9a1c2e7b"
    let file = "review/\(id).yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try ReviewFile.parse(source, id: id)
        roundTrip(value, file: file, serialize: ReviewFile.serialize, parse: { try ReviewFile.parse($0, id: id) }, same: { $0 == $1 })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
