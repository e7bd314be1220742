import COEFormat
import Foundation
import Testing

@Suite("JSON text")
struct JSONTextTests {
    @Test("Keys sorted, values typed, and the text reads back as the same values")
    func roundTrip() throws {
        let missing: String? = nil
        let value: JSON = [
            "b": [1, .double(2.5), .double(24), true, false, nil], "a": "quote \" slash / back \\ tab \t line \n bell \u{7} é",
            "empty": .object([]), "none": [], "missing": JSON(missing), "present": JSON(Optional("x")),
            "big": .int(Int64(1) << 40), "nested": ["z": ["y": 1]],
        ]
        let text = JSONText.text(value)
        #expect(text.hasPrefix("{\n  \"a\" : \"quote \\\" slash / back \\\\ tab \\t line \\n bell \\u0007 é\",\n  \"b\" : [\n    1,\n    2.5,\n    24,"))
        #expect(text.hasSuffix("}\n"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(back["a"] as? String == "quote \" slash / back \\ tab \t line \n bell \u{7} é")
        #expect((back["b"] as? [Any])?.count == 6)
        #expect(back["missing"] is NSNull)
        #expect(back["present"] as? String == "x")
        #expect((back["big"] as? NSNumber)?.int64Value == Int64(1) << 40)
        #expect(((back["nested"] as? [String: Any])?["z"] as? [String: Any])?["y"] as? Int == 1)
        #expect(text.contains("\"empty\" : {}") && text.contains("\"none\" : []"))
        #expect(Array(back.keys).sorted() == ["a", "b", "big", "empty", "missing", "nested", "none", "present"])
    }

    @Test("Numbers that JSON cannot hold are null")
    func nonFinite() {
        #expect(JSONText.text([.double(.nan), .double(.infinity), .double(0.1)]) == "[\n  null,\n  null,\n  0.1\n]\n")
    }

    @Test("Swift values convert: optionals to null, arrays element by element; keys sorted whatever their order")
    func converted() {
        let line: Int? = nil
        let converted: JSON = ["z": JSON([1, 2]), "a": JSON("é \""), "m": .object([]), "n": JSON(line), "o": ["b": JSON(Int64(2)), "a": JSON(true)],
                               "d": JSON(2.5)]
        let literal: JSON = ["a": "é \"", "d": .double(2.5), "m": .object([]), "n": .null, "o": ["a": true, "b": 2], "z": [1, 2]]
        #expect(JSONText.text(converted) == JSONText.text(literal))
        #expect(JSONText.text(converted).hasPrefix("{\n  \"a\" : \"é \\\"\",\n  \"d\" : 2.5,\n  \"m\" : {},"))
        #expect(String(decoding: JSONText.fragment(["k": 1], indent: 2), as: UTF8.self) == "{\n    \"k\" : 1\n  }")
    }

    @Test("A member whose value is nil can be left out instead of written as null")
    func omittingNil() {
        let absent: JSON? = nil
        #expect(JSONText.text(.object(omittingNil: [("kept", JSON(1)), ("gone", absent), ("null", .null)]))
                == "{\n  \"kept\" : 1,\n  \"null\" : null\n}\n")
    }
}
