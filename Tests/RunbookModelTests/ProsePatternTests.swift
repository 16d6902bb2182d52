import Testing

@testable import RunbookModel

@Suite struct ProsePatternTests {
    @Test(arguments: [
        ("Step 1: Create the new Segment database", 1, "Create the new Segment database"),
        ("Step 12 - Finish", 12, "Finish"),
        ("step 3. Grant", 3, "Grant"),
        ("(Optional) Step 5: Restrict read-only access", 5, "Restrict read-only access"),
    ])
    func stepHeadings(text: String, number: Int, title: String) {
        let match = ProsePatterns.stepHeading(text)
        #expect(match?.number == number)
        #expect(match?.title == title)
    }

    @Test(arguments: ["Steps to follow", "Stepping: 1", "Step one: go", "(Optional) Steps"])
    func notStepHeadings(text: String) {
        #expect(ProsePatterns.stepHeading(text) == nil)
    }

    @Test func optionsAndBranches() {
        #expect(ProsePatterns.optionHeading("Permissions Option 2")! == ("Permissions", 2))
        #expect(ProsePatterns.optionHeading("Option 1")! == ("", 1))
        #expect(ProsePatterns.optionHeading("Options for you") == nil)
        #expect(ProsePatterns.branch("For permissions option 2:")! == ("permissions", 2))
        #expect(ProsePatterns.branch("For Permissions Option 1:")! == ("Permissions", 1))
        #expect(ProsePatterns.branch("For more details see below") == nil)
    }

    @Test func alternativesAndPrompts() {
        #expect(ProsePatterns.alternativeMarker("a. (Option 1):: Assign read")! == (1, "Assign read"))
        #expect(ProsePatterns.alternativeMarker("b. (Option 2): Tables")! == (2, "Tables"))
        #expect(ProsePatterns.alternativeMarker("(Option 3): x")! == (3, "x"))
        #expect(ProsePatterns.alternativeMarker("a. Assign read") == nil)
        #expect(ProsePatterns.isChoicePrompt("Select 1 of the options below:"))
        #expect(ProsePatterns.isChoicePrompt("Select 1 of the options:"))
        #expect(!ProsePatterns.isChoicePrompt("Select the rows you need"))
    }

    @Test func connectionSwitches() {
        let switchTo = ProsePatterns.connectionSwitch("Switch to the end user database in the query editor. Assign.")
        #expect(switchTo?.phrase == "Switch to the end user database")
        #expect(switchTo?.database == .described("end user"))
        #expect(switchTo?.stays == false)
        let stay = ProsePatterns.connectionSwitch("Stay in the Segment Database within the Redshift Query Editor.")
        #expect(stay?.database == .described("segment"))
        #expect(stay?.stays == true)
        let back = ProsePatterns.connectionSwitch("Switch back to the Segment database in the query editor.")
        #expect(back?.database == .described("segment"))
        #expect(ProsePatterns.connectionSwitch("Create a database for it.") == nil)
    }

    /// The phrasings that name a database (and a user) clearly, and near ones that name none.
    @Test func connectionPhrasesInProse() {
        func read(_ text: String) -> String? { ProsePatterns.connectionSwitch(text).map(Self.describe) }
        #expect(read("Now connect to db2 and run:") == "db2")
        #expect(read("Connect to the `analytics` database:") == "analytics")
        #expect(read("Connect to database reporting_db.") == "reporting_db")
        #expect(read("Switch to the reporting database.") == "the reporting database")
        #expect(read("Then, as user2 on db2, read the table:") == "db2 as user2")
        #expect(read("Run the following as the superuser on db2:") == "db2 as administrator")
        #expect(read("Connect to `db2` as `user2`:") == "db2 as user2")
        #expect(read("Connect to db2 as the admin user.") == "db2 as administrator")
        let superuser = ProsePatterns.connectionSwitch("Run the following as the superuser on db2:")
        #expect(superuser?.phrase == "As the superuser on db2")
        // Not clear enough: no name, or a name that could be a word.
        #expect(read("Connect to your warehouse.") == nil)
        #expect(read("Connect to your database as a superuser.") == nil)
        #expect(read("Connect to analytics.") == nil)
        #expect(read("Connect to it with psql.") == nil)
        #expect(read("Grant access as needed on each schema.") == nil)
        #expect(read("Log in as a reader on the console.") == nil)
        #expect(read("The tool connects to db2 later.") == nil)
    }

    @Test func connectionComments() {
        func read(_ text: String) -> String? { ProsePatterns.connectionComment(text).map(Self.describe) }
        #expect(read("--As user2 on db2\nSELECT 1;") == "db2 as user2")
        #expect(read("-- connect to database db2\nSELECT 1;") == "db2")
        #expect(read("-- Connect to analytics\nSELECT 1;") == "analytics")
        #expect(read("-- as the superuser on db1\nSELECT 1;") == "db1 as administrator")
        // A comment that says more is a comment.
        #expect(read("-- connect to db2 first, then grant\nSELECT 1;") == nil)
        #expect(read("SELECT 1;\n--As user2 on db2") == nil)
    }

    static func describe(_ phrase: ProsePatterns.ConnectionPhrase) -> String {
        let database =
            switch phrase.database {
            case .named(let name): name
            case .described(let words): "the \(words) database"
            }
        switch phrase.user {
        case .named(let name): return "\(database) as \(name)"
        case .administrator: return "\(database) as administrator"
        case nil: return database
        }
    }

    /// Text before the phrase whose lower-case form has another length ("İ" gains a byte) must not shift
    /// what is quoted back from the original.
    @Test func phrasesAfterTextThatChangesLengthWhenLowerCased() {
        let switchTo = ProsePatterns.connectionSwitch("İSTANBUL team. Switch to the END USER database. Then grant.")
        #expect(switchTo?.phrase == "Switch to the END USER database")
        #expect(switchTo?.database == .described("end user"))
        let requirements = ProsePatterns.claimRequirements(
            "İİİ Read access to the Profiles Sync schema (for example, profiles_sync)")
        #expect(requirements.map(\.target) == [.schema("profiles_sync")])
    }

    /// ASCII text is split into words from its bytes, other text by Characters: both give the same words.
    @Test func phraseWordsOfASCIIAndOtherTextAgree() {
        let ascii = "As `user2` on db2, (run) the following:\t\"quoted\" words;  end.\nNext line!"
        // A non-ASCII word at the end sends the same text through the Character walk.
        let asciiWords = ProsePatterns.PhraseWord.words(ascii)
        let other = ProsePatterns.PhraseWord.words(ascii + " café")
        #expect(asciiWords.count == 12)
        #expect(other.count == asciiWords.count + 1)
        for (fast, slow) in zip(asciiWords, other) {
            #expect(fast.bare == slow.bare)
            #expect(fast.lower == slow.lower)
            #expect(fast.quoted == slow.quoted)
            #expect(fast.endsClause == slow.endsClause)
            #expect(ascii[fast.range] == (ascii + " café")[slow.range])
        }
        #expect(asciiWords.map(\.lower).prefix(3) == ["as", "user2", "on"])
        // A carriage return joins CR LF into one Character, so such text takes the Character walk too.
        #expect(ProsePatterns.PhraseWord.words("connect to\r\ndb2").map(\.bare) == ["connect", "to\r\ndb2"])
    }

    /// A paragraph with no word that opens a connection clause is ruled out before it is split into words.
    @Test func phrasesNeedAnOpeningWord() {
        #expect(ProsePatterns.connectionSwitch("It has a role on the database db2 that was granted.") == nil)
        #expect(ProsePatterns.connectionSwitch("Then, as `reader` on `db2`, run:")?.database == .named("db2"))
        #expect(ProsePatterns.connectionSwitch("(As user2 on db2) run it.")?.database == .named("db2"))
    }

    @Test func exampleValues() {
        #expect(
            ProsePatterns.exampleValues("a databse (for example, segment_workspace). Schemas") == ["segment_workspace"])
        #expect(ProsePatterns.exampleValues("(for example: profiles_sync)") == ["profiles_sync"])
        #expect(
            ProsePatterns.exampleValues("(for example, user_devices table or device_locations table)") == [
                "user_devices", "device_locations",
            ])
        #expect(ProsePatterns.exampleValues("(for example, devices schema)") == ["devices"])
        #expect(ProsePatterns.exampleValues("(created in Step 1)").isEmpty)
        #expect(ProsePatterns.exampleValues("(for example, Segment Profile tables)").isEmpty)
    }
}
