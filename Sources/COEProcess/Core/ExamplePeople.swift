/// The people of the rules' example scenarios.
enum People {
    static let casey = "Casey Author <casey@example.com>"
    /// The author again, from another address: still the author (rule P3).
    static let caseyAtHome = "Casey Author <casey@home.example>"
    static let rae = "Rae Reviewer <rae@example.com>"
    static let raeEmail = "rae@example.com"
    static let sam = "Sam Second <sam@example.com>"
    static let bea = "Bea Barraiser <bea@example.com>"
    /// An administrator (rule P12).
    static let ada = "Ada Admin <ada@example.com>"
}
