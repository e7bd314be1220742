// Fuzz target: a Markdown part (summary.md, impact.md, response.md, analysis.md): the check for an unclosed
// code fence or HTML comment. Built and run by scripts/fuzz.sh.
import COEFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let file = "analysis.md"
    guard let source = text(data, count, file: file) else { return 0 }
    do {
        let checked = try COEReader.checkedMarkdown(source)
        if checked.text != source.text { broken("\(file): the checked text differs from the text") }
    } catch {
        checkDiagnostics(error, file: file)
    }
    return 0
}
