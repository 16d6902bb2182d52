import Testing

@testable import RunbookSQL

/// The byte search that spares a block the secret search (`SecretLiteral.telltaleWords`) must cover every name
/// and parameter the search reports: a secret's name added without its word would be copied into outputs unseen.
@Suite("Secret names and their telltale words")
struct SecretNameTests {
    @Test(arguments: SecretLiteral.secretNames + Array(SecretLiteral.credentialParameters) + ["identified"])
    func everySecretNameHasATelltaleWord(_ name: String) {
        // `parameters` and `credentials` are secrets only when their string holds a key, a token or a
        // client secret, whose words are telltale ones.
        let text = name == "parameters" ? "parameters '{\"client_secret\": 1}'" : name
        let written = name == "credentials" ? "credentials 'aws_secret_access_key=x'" : text
        #expect(SecretLiteral.telltaleWords.contains { written.contains($0) }, "\(name) has no telltale word")
    }
}
