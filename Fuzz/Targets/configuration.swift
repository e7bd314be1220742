// Fuzz target: .coe.yaml (the configuration). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = ".coe.yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try Configuration.parse(source)
        roundTrip(value, file: file, serialize: { $0.serialized() }, parse: { try Configuration.parse($0) }, same: { $0 == $1 })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
