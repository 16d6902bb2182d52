// `runbook verify` starts this executable (see RunbookCommand.Verify): the one that links PostgresNIO.
import RunbookCommandLine
import RunbookLiveDatabase
import RunbookVerify

await RunbookCommand.runVerify { url, databases, principals, accepting throws(ConnectionFailure) in
    try await LiveDatabaseReader(url: url).snapshot(databases: databases, principals: principals, accepting: accepting)
}
