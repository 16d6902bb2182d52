import RunbookVerify
import Testing

@Suite struct DatabaseURLTests {
    @Test func tcpWithPasswordAndTLS() throws {
        let url = try DatabaseURL.parse(
            "postgres://admin:s%40cret@db.example.com:6543/segment_workspace?sslmode=require")
        #expect(url.user == "admin")
        #expect(url.password == "s@cret")
        #expect(url.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(url.database == "segment_workspace")
        #expect(url.tls == .require)
        #expect(!url.description.contains("s@cret") && !url.description.contains("s%40cret"))
        #expect(url.description.contains("admin:***@"))
    }

    @Test func unixSocketFromTheQuery() throws {
        let url = try DatabaseURL.parse("postgresql://postgres@/user_database?host=/tmp/runbook-pg.x&port=5433")
        #expect(url.endpoint == .unixSocket(directory: "/tmp/runbook-pg.x", port: 5433))
        #expect(url.password == nil)
        #expect(url.tls == .disable)
        #expect(try DatabaseURL.parse("postgres://u@h/d").tls == .prefer)
        #expect(try DatabaseURL.parse("postgres://u@h/d?sslmode=disable").tls == .disable)
    }

    @Test func passwordFromTheEnvironmentOnlyWhenTheURLHasNone() throws {
        #expect(try DatabaseURL.parse("postgres://u@h/d", environmentPassword: "env").password == "env")
        #expect(try DatabaseURL.parse("postgres://u:url@h/d", environmentPassword: "env").password == "url")
        #expect(try DatabaseURL.parse("postgres://u@[::1]:5000/d").endpoint == .tcp(host: "::1", port: 5000))
    }

    @Test(arguments: [
        "mysql://u:hunter2@h/d", "postgres://u:hunter2@h:99999/d", "postgres://u:hunter2@h/d?sslmode=sometimes",
        "u:hunter2@h/d", "postgres://u:hunter2@/d?host=/tmp&sslmode=require", "postgres://u:hunter2%zz@h/d",
    ])
    func badURLsNeverShowThePassword(text: String) {
        #expect(throws: DatabaseURLError.self) { try DatabaseURL.parse(text) }
        do {
            _ = try DatabaseURL.parse(text)
        } catch {
            #expect(!error.message.contains("hunter2"), "\(error.message)")
        }
    }
}
