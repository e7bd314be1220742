/// A table for the terminal: columns padded to their widest cell, two spaces apart, the first row (the
/// header) in bold; `paint` styles each other cell (padded) by its row (0 for the first below the header)
/// and column. `coe list` and `coe actions`.
public enum TextTable {
    public static func render(_ table: [[String]], style: TextStyle, paint: (Int, Int, String) -> String = { $2 }) -> String {
        guard let header = table.first else { return "" }
        // Each cell's width counted once (counting characters is most of a table of thousands of rows).
        let counts = table.map { row in row.map(TextTable.width) }
        let widths = (0..<header.count).map { column in counts.map { $0[column] }.max() ?? 0 }
        // One string appended to (a table of thousands of rows: arrays of cells joined cost a tenth of `coe list`).
        var out = ""
        out.reserveCapacity(table.count * (widths.reduce(0, +) + 2 * widths.count))
        for (index, row) in table.enumerated() {
            for (column, cell) in row.enumerated() {
                if column > 0 { out += "  " }
                let padded = column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - counts[index][column])
                out += index == 0 ? style.bold(padded) : paint(index - 1, column, padded)
            }
            out += "\n"
        }
        return out
    }

    /// A cell's width in characters: its bytes when they are printable ASCII, where each byte is a character
    /// (counting characters by grapheme was a quarter of drawing a thousand COEs' table), else its characters.
    static func width(_ cell: String) -> Int {
        let printableASCII = cell.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        return printableASCII == true ? cell.utf8.count : cell.count
    }
}
