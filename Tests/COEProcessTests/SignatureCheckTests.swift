import COEProcess
import Testing

/// Who a verified signature is by: its principals as the allowed signers write them, patterns included.
@Suite struct SignatureCheckTests {
    @Test func principalsArePatternsAsSshKeygenReadsThem() {
        let rae = Person(name: "Rae Reviewer", email: "Rae@Example.com")
        #expect(SignatureCheck.verified(["rae@example.com"]).isBy(rae))
        #expect(SignatureCheck.verified(["*@example.com"]).isBy(rae))
        #expect(SignatureCheck.verified(["r?e@example.com"]).isBy(rae))
        #expect(!SignatureCheck.verified(["*@example.org"]).isBy(rae))
        #expect(!SignatureCheck.verified(["rae@example.com.evil"]).isBy(rae))
        #expect(!SignatureCheck.verified(["sam@example.com"]).isBy(rae))
        // A name is no address, whatever the signature says.
        #expect(!SignatureCheck.verified(["Rae Reviewer"]).isBy(Person(name: "Rae Reviewer", email: "")))
        #expect(!SignatureCheck.unsigned.isBy(rae) && !SignatureCheck.notChecked.isBy(rae) && !SignatureCheck.invalid("x").isBy(rae))
    }
}
