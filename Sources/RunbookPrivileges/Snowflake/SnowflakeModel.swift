package import RunbookModel
package import RunbookSQL

/// Snowflake's access-control model (https://docs.snowflake.com/en/user-guide/security-access-control-overview):
/// an account of warehouses and databases → schemas → tables and views; account roles with inheritance, the
/// system roles, users; a session with a primary role, secondary roles and variables.
///
/// The person following the runbook signs in as `ADMIN`, a user holding ACCOUNTADMIN, and every session
/// starts with ACCOUNTADMIN as its primary role: the guides begin with `USE ROLE ACCOUNTADMIN` or tell the
/// reader to switch to it (docs/privileges.md, "Snowflake").
package struct SnowflakeModel: PrivilegeModel {
    /// The person running the runbook.
    package static let person = "ADMIN"

    package init() {}

    /// The system roles and their hierarchy: USERADMIN ⊂ SECURITYADMIN ⊂ ACCOUNTADMIN, SYSADMIN ⊂ ACCOUNTADMIN,
    /// with what each holds from the start (https://docs.snowflake.com/en/user-guide/security-access-control-overview,
    /// "System-defined roles"); PUBLIC is held by every user and role.
    package func initialCatalog(dialect: SQLDialect) -> Catalog {
        var catalog = Catalog(dialect: dialect, admin: Self.person)
        catalog.principals[Principal(.user, Self.person)]?.isSuperuser = false
        for (child, parent) in [
            ("USERADMIN", "SECURITYADMIN"), ("SECURITYADMIN", "ACCOUNTADMIN"), ("SYSADMIN", "ACCOUNTADMIN"),
        ] {
            catalog.addMembership(
                Membership(
                    container: Principal(.role, child), member: Principal(.role, parent), withAdminOption: false,
                    origin: nil))
        }
        catalog.addMembership(
            Membership(
                container: Principal(.role, "ACCOUNTADMIN"), member: Principal(.user, Self.person),
                withAdminOption: false, origin: nil))
        let builtIn = ProvenanceStep.builtIn("Snowflake system role")
        let held: [(String, [String])] = [
            ("SYSADMIN", ["CREATE WAREHOUSE", "CREATE DATABASE"]),
            ("USERADMIN", ["CREATE USER", "CREATE ROLE"]),
            ("SECURITYADMIN", ["MANAGE GRANTS"]),
            (
                "ACCOUNTADMIN",
                [
                    "CREATE INTEGRATION", "CREATE SHARE", "EXECUTE TASK", "IMPORT SHARE", "MONITOR USAGE",
                    "MANAGE WAREHOUSES", "APPLY MASKING POLICY", "APPLY ROW ACCESS POLICY", "APPLY TAG",
                ]
            ),
        ]
        for (role, privileges) in held {
            for privilege in privileges {
                catalog.account.accountGrants.append(
                    ObjectGrant(
                        privilege: privilege, grantee: Principal(.role, role), grantor: "SYSTEM", withGrantOption: true,
                        source: builtIn))
            }
        }
        for role in dialect.profile.builtInRoles { catalog.account.roleOwners[role] = "SYSTEM" }
        return catalog
    }

    package func simulate(runbook: Runbook, statements: ParsedBlocks, variant: Variant, catalog: Catalog) -> Simulation
    {
        SnowflakeSimulator.run(runbook: runbook, statements: statements, variant: variant, catalog: catalog)
    }

    package func result(of simulation: Simulation) -> VariantResult {
        VariantResult(
            variant: simulation.variant, catalog: simulation.catalog,
            effective: PrivilegeAnalysis.effectivePrivileges(in: simulation.catalog),
            grantRows: simulation.catalog.grantRows)
    }

    /// The Redshift-family checks that hold on Snowflake's model, and Snowflake's own. Left out: cross-database
    /// grants (normal in Snowflake), default-privilege gaps and system permissions (Redshift constructs),
    /// grant-option rules (Snowflake allows WITH GRANT OPTION on role grants), connections (no `\connect`), and
    /// schema USAGE, which `privileges.missing-usage` covers with the database and warehouse.
    package var checks: [any PrivilegeCheck] {
        [
            AlreadyExistsCheck(), AssumedObjectCheck(), BeyondClaimCheck(), ClaimCheck(), GrantToPublicCheck(),
            MissingUsageCheck(), NotApplicablePrivilegeCheck(), ObjectInNewDatabaseCheck(), RoleCycleCheck(),
            SnowflakeDatabaseSchemaMismatchCheck(), SnowflakeDefaultNotGrantedCheck(),
            SnowflakeInsufficientPrivilegesCheck(), SnowflakeNoCurrentDatabaseCheck(),
            SnowflakeOnAllWithoutFutureCheck(),
            SnowflakeOwnershipWithGrantsCheck(), SnowflakePasswordDespiteKeyPairCheck(),
            SnowflakeRoleNotGrantedCheck(), SnowflakeServicePasswordCheck(), SnowflakeShadowedFutureGrantCheck(),
            SnowflakeUnevaluatedNameCheck(), SnowflakeUnsetVariableCheck(), UnknownObjectCheck(),
            UnknownPrincipalCheck(),
        ]
    }
}
