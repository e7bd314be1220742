/// Text made safe inside XML and HTML (element content and double-quoted attribute values): the one
/// escaper for every SVG and HTML `coe` writes.
public enum XMLText {
    public static func escaped(_ text: String) -> String {
        // Most text needs nothing: found by one pass over its bytes.
        let needs = text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and line feed are not allowed in XML 1.0: shown, not written.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n", "\u{7F}":
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
