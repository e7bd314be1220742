// Fuzz target: actions/A1.yaml (an action item). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = "actions/A1.yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try ActionFile.parse(source, id: "A1")
        roundTrip(value, file: file, serialize: ActionFile.serialize, parse: { try ActionFile.parse($0, id: "A1") }, same: { $0 == $1 })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
