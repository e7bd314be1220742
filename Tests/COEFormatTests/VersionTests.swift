import COEFormat
import Foundation
import Testing
import TestSupport

@Suite struct VersionTests {
    /// The docs name the release to pin in the pre-commit framework; it must be this one.
    @Test func theHooksDocumentNamesThisVersion() throws {
        let hooks = try String(contentsOfFile: packageRoot + "/docs/hooks.md", encoding: .utf8)
        #expect(hooks.contains("rev: v\(COEVersion.current) "), "docs/hooks.md pins another version than \(COEVersion.current)")
    }
}
