// Fuzz target: lessons.yaml (lessons). Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = "lessons.yaml"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let value = try LessonsFile.parse(source)
        roundTrip(value, file: file, serialize: { LessonsFile.serialize($0) }, parse: { try LessonsFile.parse($0) }, same: { $0 == $1 })
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
