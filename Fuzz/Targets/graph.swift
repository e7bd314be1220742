// Fuzz target: metrics/01-graph.yaml (a metrics graph). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = "metrics/01-graph.yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try GraphFile.parse(source)
        roundTrip(value, file: file, serialize: { GraphFile.serialize($0) }, parse: { try GraphFile.parse($0) }, same: { $0 == $1 })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
