import Foundation

/// The kind of server `verify` reads: both speak the PostgreSQL protocol, but their catalogs differ.
package enum LiveServer: String, Hashable, Sendable, CustomStringConvertible {
    case postgreSQL
    case redshift

    package var description: String {
        switch self {
        case .postgreSQL: "PostgreSQL"
        case .redshift: "Amazon Redshift"
        }
    }

    /// The server that answers `SELECT version()` with `version`, or nil for anything else (CockroachDB,
    /// Yugabyte, a proxy): PostgreSQL's text starts with `PostgreSQL `; Redshift's also does (its leader node
    /// is based on PostgreSQL 8.0.2) and names Redshift with its own version at the end
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_VERSION.html):
    /// `PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.12103`.
    package static func identify(version: String) -> LiveServer? {
        guard version.hasPrefix("PostgreSQL ") else { return nil }
        return version.range(of: "Redshift", options: .caseInsensitive) == nil ? .postgreSQL : .redshift
    }

    /// The servers a runbook of `dialect` (a dialect id: `redshift`, `postgres`, …) can be verified on. A Redshift
    /// runbook is verified on Redshift with Redshift's semantics, and on PostgreSQL as its translation to
    /// PostgreSQL (what `build --dialect postgres` writes); a PostgreSQL runbook on PostgreSQL only.
    package static func accepted(byDialect dialect: String) -> Set<LiveServer> {
        switch dialect {
        case "redshift": [.postgreSQL, .redshift]
        case "postgres": [.postgreSQL]
        default: []
        }
    }

    /// The one-line refusal for a server of kind `server` (nil: neither PostgreSQL nor Redshift) when only
    /// `accepted` will do. `version` is shown shortened to one line.
    package static func refusal(
        url: DatabaseURL, server: LiveServer?, version: String, accepted: Set<LiveServer>
    ) -> String {
        let shown = version.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(80)
        guard let server else {
            return "\(url) is not a PostgreSQL server (version() says '\(shown)'); verify reads PostgreSQL and "
                + "Amazon Redshift catalogs only"
        }
        switch server {
        case .redshift:
            return "\(url) is Amazon Redshift (version() says '\(shown)'), and the runbook is written for "
                + "PostgreSQL: verify compares a Redshift server only with a Redshift runbook"
        case .postgreSQL:
            let wanted = accepted.map(\.description).sorted().joined(separator: " or ")
            return "\(url) is PostgreSQL (version() says '\(shown)'), not \(wanted)"
        }
    }
}
