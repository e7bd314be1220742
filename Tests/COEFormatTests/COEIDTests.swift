import TestSupport
import PropertyBased
import Testing
@testable import COEFormat

@Suite struct COEIDTests {
    @Test func hundredThousandGeneratedIdsAreSafeAndDistinct() {
        var generator = SystemRandomNumberGenerator()
        let date = CalendarDate("2026-11-22")!
        var seen = Set<String>()
        seen.reserveCapacity(100_000)
        for _ in 0..<100_000 {
            let id = COEID.generate(on: date, using: &generator)
            #expect(COEID.problem(with: id) == nil, "unsafe id \(id)")
            seen.insert(id)
        }
        #expect(seen.count == 100_000)
    }

    @Test func generatedIdsHaveADateAndARandomPart() {
        let id = COEID.generate(on: CalendarDate("2026-11-03")!)
        #expect(id.hasPrefix("2026-11-03-"))
        #expect(COEID.randomPart(of: id)?.count == COEID.randomLength)
        #expect(COEID.randomPart(of: "legacy-coe-7") == nil)
    }

    @Test(arguments: ["../etc", "a/b", "..", ".hidden", "-rf", "tab\there", "nul\u{0}", "a\\b", "", "coe id", "é"])
    func unsafeIdsAreRefused(_ id: String) {
        #expect(COEID.problem(with: id) != nil)
    }

    @Test func anyIdContainingASlashOrDotDotIsRefused() async {
        let pieces = Gen<Character?>.element(of: Array("ab9-_./") as [Character]).map { $0! }.string(of: 0...12)
        await propertyCheck(count: 500, input: pieces, pieces) { left, right in
            #expect(COEID.problem(with: left + "/" + right) != nil)
            #expect(COEID.problem(with: left + ".." + right) != nil)
        }
    }
}
