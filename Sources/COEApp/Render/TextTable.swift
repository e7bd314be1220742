/// A table for the terminal: columns padded to their widest cell, two spaces apart, the first row (the
/// header) in bold; `paint` styles each other cell (padded) by its row (0 for the first below the header)
/// and column. `coe list` and `coe actions`.
public enum TextTable {
    public static func render(_ table: [[String]], style: TextStyle, paint: (Int, Int, String) -> String = { $2 }) -> String {
        guard let header = table.first else { return "" }
        // Each cell's width counted once (counting characters is most of a table of thousands of rows).
        let counts = table.map { row in row.map(\.count) }
        let widths = (0..<header.count).map { column in counts.map { $0[column] }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in table.enumerated() {
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                let padded = column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - counts[index][column])
                cells.append(index == 0 ? style.bold(padded) : paint(index - 1, column, padded))
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
