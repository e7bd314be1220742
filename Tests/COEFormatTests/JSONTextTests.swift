import COEFormat
import Foundation
import Testing

@Suite("JSON text")
struct JSONTextTests {
    @Test("Keys sorted, values typed, and the text reads back as the same values")
    func roundTrip() throws {
        let optional: String? = nil
        let value: [String: Any] = [
            "b": [1, 2.5, 24.0, true, false, NSNull()], "a": "quote \" slash / back \\ tab \t line \n bell \u{7} é",
            "empty": [String: Any](), "none": [Any](), "missing": optional as Any, "present": Optional("x") as Any,
            "big": Int64(1) << 40, "nested": ["z": ["y": 1]],
        ]
        let text = JSONText.text(value)
        #expect(text.hasPrefix("{\n  \"a\" : \"quote \\\" slash / back \\\\ tab \\t line \\n bell \\u0007 é\",\n  \"b\" : [\n    1,\n    2.5,\n    24,"))
        #expect(text.hasSuffix("}\n"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(back["a"] as? String == value["a"] as? String)
        #expect((back["b"] as? [Any])?.count == 6)
        #expect(back["missing"] is NSNull)
        #expect(back["present"] as? String == "x")
        #expect((back["big"] as? NSNumber)?.int64Value == Int64(1) << 40)
        #expect(((back["nested"] as? [String: Any])?["z"] as? [String: Any])?["y"] as? Int == 1)
        #expect(text.contains("\"empty\" : {}") && text.contains("\"none\" : []"))
        #expect(Array(back.keys).sorted() == value.keys.sorted())
    }

    @Test("Numbers that JSON cannot hold are null")
    func nonFinite() {
        #expect(JSONText.text([Double.nan, Double.infinity, 0.1]) == "[\n  null,\n  null,\n  0.1\n]\n")
    }

    @Test("A typed value is written as the same plain value is, keys sorted whatever their order")
    func typed() {
        let typed: JSON = ["z": .array([1, .double(2.5), .bool(true), .null]), "a": .string("é \""), "m": .object([]),
                           "n": .string(nil), "o": ["b": 2, "a": 1]]
        let plain: [String: Any] = ["z": [1, 2.5, true, NSNull()], "a": "é \"", "m": [String: Any](), "n": NSNull(), "o": ["a": 1, "b": 2]]
        #expect(JSONText.text(typed) == JSONText.text(plain))
        #expect(JSONText.text(typed).hasPrefix("{\n  \"a\" : \"é \\\"\",\n  \"m\" : {},"))
        #expect(String(decoding: JSONText.fragment(["k": 1], indent: 2), as: UTF8.self) == "{\n    \"k\" : 1\n  }")
    }
}
