package import RunbookDiagnostics

/// A rule's page: why it matters, a document that triggers it, and the fix. `runbook rules ID` prints it,
/// docs/rules.md holds every page, and SARIF carries it as `fullDescription` and `help`.
package struct RuleHelp: Sendable, Hashable {
    /// Why the finding matters to the person following the guide.
    package var why: String
    /// A short piece of a guide (Markdown or SQL) that triggers the rule.
    package var example: String
    /// What to change.
    package var fix: String

    package init(why: String, example: String, fix: String) {
        self.why = why
        self.example = example
        self.fix = fix
    }
}

// MARK: - The pages, alphabetised by id

extension RuleHelp {
    /// Every rule's page. A test fails when a rule of the catalog has none.
    package static let pages: [RuleID: RuleHelp] = [
        "block.not-checked": RuleHelp(
            why: "A block runbook cannot check may still be wrong; the note says which blocks CI did not look at.",
            example: "```snowflake\nGRANT USAGE ON WAREHOUSE wh TO ROLE r;\n```",
            fix: "Nothing, if the block is meant to be illustrative; otherwise label the fence with its dialect."),
        "config.unknown-dialect": RuleHelp(
            why:
                "A misspelt `dialect:` is ignored, so the page is read as whatever its blocks suggest (Redshift by "
                + "default): another engine's SQL would be checked against the wrong grammar and model.",
            example: "---\ntitle: Snowflake setup\ndialect: snowflak\n---",
            fix:
                "Use the suggested name; `redshift`, `postgres` and the engines `runbook rules config.unknown-dialect` lists."
        ),
        "config.unknown-rule": RuleHelp(
            why: "A rule id the front matter disables or re-rates that does not exist does nothing.",
            example: "---\nrunbook:\n  rules:\n    disable: [sql.pasword-literal]\n---",
            fix: "Use the suggested rule id (`runbook rules` lists them)."),
        "file.not-text": RuleHelp(
            why:
                "A binary file named like Markdown (an executable renamed `.md`) cannot hold a guide; nothing is built from it.",
            example: "cp /bin/sh docs/setup.md",
            fix: "Remove the file, or exclude it in runbook.yml."),
        "markdown.front-matter": RuleHelp(
            why:
                "Front matter carries the runbook's dialect, parameters and suppressions; unreadable YAML loses them all.",
            example: "---\ntitle: Setup\ndialect: [redshift\n---",
            fix: "Make the front matter valid YAML between two `---` lines."),
        "markdown.invalid-utf8": RuleHelp(
            why: "Invalid bytes become U+FFFD, so names and passwords near them are not what the author wrote.",
            example: "A file saved as Latin-1 with `café` in it.",
            fix: "Save the file as UTF-8."),
        "markdown.nesting-too-deep": RuleHelp(
            why: "Content nested deeper than the reader follows is skipped, so SQL inside it would be lost.",
            example: "Thousands of nested block quotes or list items.",
            fix: "Flatten the nesting."),
        "markdown.unterminated-fence": RuleHelp(
            why:
                "An unclosed fence swallows the rest of its container: prose and later steps become part of the block.",
            example: "```sql\nGRANT USAGE ON SCHEMA s TO ROLE r;\n(no closing fence)",
            fix: "Close the fence with the same number of backticks."),
        "model.annotation-invalid-value": RuleHelp(
            why:
                "An annotation with a value its key does not accept is ignored, so the block is read as if it had none.",
            example: "<!-- runbook: role=sometimes -->",
            fix: "Use a value the key accepts (docs/runbook-format.md lists them)."),
        "model.annotation-unknown-key": RuleHelp(
            why: "A misspelt annotation key does nothing, so the author's intent is silently lost.",
            example: "```sql conection=analytics",
            fix: "Use the suggested key."),
        "model.block-outside-step": RuleHelp(
            why: "A block outside every step is not part of any script: a person reading the page may run it anyway.",
            example: "## Setp 2: Grant access\n\n```sql\nGRANT USAGE ON SCHEMA s TO ROLE r;\n```",
            fix: "Put the block under a step heading (or mark it `role=example` if it is an illustration)."),
        "model.single-alternative": RuleHelp(
            why:
                "A misspelt option heading splits one choice in two, so the guide builds one variant where it offers two.",
            example: "## Access Option 1\n…\n## Acess Option 2",
            fix: "Spell the option heading like its siblings (the fix-it does)."),
        "model.step-number": RuleHelp(
            why:
                "A step without a number, or one that repeats or goes backwards, leaves the reader unsure of the order.",
            example: "## Step 3: Grant access\n…\n## Step 2: Create the user",
            fix: "Number the steps in the order they are run."),
        "model.too-many-variants": RuleHelp(
            why: "Beyond the limit, variants are neither listed, checked nor built.",
            example: "Many independent choice groups, each with several options.",
            fix: "Split the guide, or nest choices so that fewer combinations are consistent."),
        "model.unknown-alternative": RuleHelp(
            why: "A branch for an option that does not exist runs in no variant, so its SQL is in no script.",
            example: "## Access Option 1\n## Access Option 2\n…\n- For Access Option 3: …",
            fix: "Name an option the guide defines (the note lists them), or add the missing option."),
        "model.unknown-fence-language": RuleHelp(
            why: "An unknown fence tag hides SQL from highlighting and from tools that look for `sql` fences.",
            example: "```roomsql\nCREATE USER airbyte PASSWORD 'x';\n```",
            fix: "Tag the fence `sql` (or its dialect)."),
        "model.unresolved-connection": RuleHelp(
            why:
                "A script cannot `\\connect` to a database it cannot name, so the statements after the switch run in the wrong database.",
            example: "Switch to the reporting database. (no database of that description is created or named)",
            fix: "Name the database in the prose, or add `<!-- runbook: connection=NAME -->` before the instruction."),
        "privileges.already-exists": RuleHelp(
            why: "The database refuses a second CREATE of a taken name, and the script stops there.",
            example: "CREATE ROLE analyst;\nCREATE ROLE analyst;",
            fix: "Create the object once; in alternatives, make sure each variant creates it once."),
        "privileges.assumed-object": RuleHelp(
            why: "The runbook relies on an object it never creates; the note lists what must exist before it starts.",
            example: "GRANT USAGE ON SCHEMA analytics TO ROLE r; (analytics is never created)",
            fix: "Nothing if the object exists already; otherwise create it or say so in the prose."),
        "privileges.beyond-claim": RuleHelp(
            why: "A grant broader than the prose promises gives a role access the reader did not agree to.",
            example: "Roles: read access to schema s.\nGRANT ALL ON ALL TABLES IN SCHEMA s TO ROLE r;",
            fix: "Narrow the grant to what the prose claims (the fix-it does for ALL), or widen the claim."),
        "privileges.claim-unsatisfied": RuleHelp(
            why: "The prose promises access that the SQL does not give, so the product fails after setup.",
            example: "Roles: read access to schema s.\n(no GRANT SELECT on s's tables)",
            fix: "Add the missing grant (the message names the privileges), or correct the claim."),
        "privileges.cross-database-grant": RuleHelp(
            why: "A grant on another database's schema does not reach it from this connection (PostgreSQL refuses it).",
            example: "-- connected to db1\nGRANT USAGE ON SCHEMA db2.s TO ROLE r;",
            fix: "Switch to the other database before the grant."),
        "privileges.default-privileges-gap": RuleHelp(
            why: "Default privileges apply only to tables one user creates; tables others create stay unreadable.",
            example: "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO ROLE r;",
            fix: "Add `FOR USER` for every creator, or use a scoped grant (Redshift)."),
        "privileges.grant-to-public": RuleHelp(
            why: "PUBLIC is every user, present and future: the grant reaches far more than the guide's role.",
            example: "GRANT SELECT ON ALL TABLES IN SCHEMA s TO PUBLIC;",
            fix: "Grant to the role the guide creates."),
        "privileges.missing-schema-usage": RuleHelp(
            why: "Table privileges without USAGE on the schema give nothing: every query fails with permission denied.",
            example: "GRANT SELECT ON ALL TABLES IN SCHEMA s TO ROLE r; (no GRANT USAGE ON SCHEMA s)",
            fix: "Grant USAGE on the schema first (the fix-it inserts it)."),
        "privileges.not-applicable": RuleHelp(
            why: "The database refuses a privilege the object kind does not have, and the script stops there.",
            example: "GRANT SELECT, EXECUTE ON ALL TABLES IN SCHEMA s TO ROLE r;",
            fix: "Grant each privilege on the kind of object that has it (EXECUTE ON ALL FUNCTIONS, USAGE ON SCHEMA)."),
        "privileges.object-in-new-database": RuleHelp(
            why:
                "A database or schema the runbook created itself starts empty, so objects expected inside it are not there.",
            example: "CREATE DATABASE segment;\n\\connect segment\nGRANT USAGE ON SCHEMA devices TO ROLE r;",
            fix: "Switch to the database that holds the object, or create it first."),
        "privileges.option-not-allowed": RuleHelp(
            why: "The database rejects the statement, and the script stops there.",
            example: "GRANT ROLE a TO ROLE b WITH GRANT OPTION;",
            fix: "Use WITH ADMIN OPTION for role grants and WITH GRANT OPTION for privileges (the fix-it swaps them)."),
        "privileges.role-cycle": RuleHelp(
            why: "Redshift and Snowflake reject a role grant that makes a role a member of itself.",
            example: "GRANT ROLE a TO ROLE b;\nGRANT ROLE b TO ROLE a;",
            fix: "Remove one of the grants."),
        "privileges.system-permission": RuleHelp(
            why: "A system permission reaches the whole cluster, not one schema: worth a second look in a setup guide.",
            example: "GRANT CREATE USER TO ROLE r;\nGRANT ROLE r TO u;",
            fix: "Keep it if the product needs it; otherwise grant object privileges instead."),
        "privileges.unknown-connection": RuleHelp(
            why: "`\\connect` to a database that does not exist yet fails, and the script stops there.",
            example: "\\connect analytics\n(analytics is created in a later step)",
            fix: "Create the database before switching to it, or correct its name."),
        "privileges.unknown-object": RuleHelp(
            why: "A statement on a database, schema or table that does not exist at that point fails.",
            example: "GRANT USAGE ON SCHEMA analytcs TO ROLE r; (the runbook creates analytics)",
            fix: "Correct the name (the message suggests one), or move the statement after the one that creates it."),
        "privileges.unknown-principal": RuleHelp(
            why: "A grant to a user, role or group that does not exist fails.",
            example: "CREATE ROLE analyst;\nGRANT USAGE ON SCHEMA s TO ROLE analysts;",
            fix: "Correct the name, or create the principal first."),
        "script.not-copied": RuleHelp(
            why: "A document must not make psql run commands: meta-commands are never copied into a script.",
            example: "```sql\n\\! rm -rf /tmp/x\n```",
            fix: "Move shell steps into prose; use `connection=` annotations for `\\connect`."),
        "sql.alias-like-keyword": RuleHelp(
            why:
                "The statement runs, but not as written: a misspelt LEFT before JOIN becomes the table's alias and the "
                + "left join an inner join, which drops rows; a misspelt DISTINCT becomes a column with an alias; "
                + "`FROMusers` becomes the last column's alias, and the query reads no table.",
            example: "SELECT u.id, o.total FROM users u lfet JOIN orders o ON o.user_id = u.id;",
            fix: "Write the keyword (the fix-it does, marked unsafe: a name may be spelt so on purpose), or write AS "
                + "before an alias that is meant."),
        "sql.create-database-in-transaction": RuleHelp(
            why: "CREATE DATABASE cannot run inside a transaction block; both Redshift and PostgreSQL refuse it.",
            example: "BEGIN;\nCREATE DATABASE analytics;\nCOMMIT;",
            fix: "Run CREATE DATABASE outside BEGIN…COMMIT."),
        "sql.dialect-mismatch": RuleHelp(
            why: "The block's database rejects the statement or clause.",
            example: "-- PostgreSQL\nGRANT SELECT ON ALL TABLES IN SCHEMA s TO ROLE r;",
            fix: "Use the dialect's form (the fix-it gives it), or label the fence with the right dialect."),
        "sql.grantee-missing-keyword": RuleHelp(
            why: "Redshift reads a bare grantee as a user, so a grant meant for a role or group fails.",
            example: "CREATE ROLE analyst;\nGRANT USAGE ON SCHEMA s TO analyst;",
            fix: "Write `TO ROLE analyst` or `TO GROUP analyst`."),
        "sql.group-by-position": RuleHelp(
            why:
                "`GROUP BY 2` groups by the select list's second item; when that item is `COUNT(*)` or another "
                + "aggregate or window function, or the list is shorter, the server refuses the query.",
            example: "SELECT region, COUNT(*) FROM sales GROUP BY 1, 2;",
            fix: "Group by the items that are not aggregates (`GROUP BY 1`), or count the items again."),
        "sql.invalid-character": RuleHelp(
            why:
                "A NUL or another control byte inside SQL is refused by every server; pasted from a terminal or a binary file, it is invisible.",
            example: "GRANT SELECT ON t TO u; (followed by a NUL byte, as a binary paste leaves it)",
            fix: "Delete the character (the position is exact)."),
        "sql.lookalike-character": RuleHelp(
            why:
                "A no-break space is part of a name to Redshift and PostgreSQL, an en dash is no comment marker and a curly quote no string delimiter: the statement fails or means something else.",
            example: "GRANT SELECT ON t TO u; – if enabled\nSELECT ‘x’;",
            fix: "Use the ASCII character (the fix-it replaces it): a space, `--`, a straight quote."),
        "sql.nesting-too-deep": RuleHelp(
            why: "The parser stops following nesting this deep, so the statement is not checked.",
            example: "SELECT ((((…thousands of parentheses…))));",
            fix: "Simplify the statement."),
        "sql.no-translation": RuleHelp(
            why: "The target dialect has no equivalent, so the statement is left out of that script.",
            example: "GRANT ROLE sys:dba TO u; (built for PostgreSQL)",
            fix: "Nothing for Redshift scripts; for PostgreSQL, grant the equivalent by hand."),
        "sql.password-double-quoted": RuleHelp(
            why:
                "In double quotes a password is an identifier, not a string: the statement fails or sets another password.",
            example: "CREATE USER u PASSWORD \"Secret123\";",
            fix: "Use single quotes, or a psql variable (`:'u_password'`)."),
        "sql.password-literal": RuleHelp(
            why: "A password written in a guide is copied by everyone who follows it.",
            example: "CREATE USER u PASSWORD 'Secret123';",
            fix: "Write `PASSWORD :'u_password'` and pass it with `psql -v u_password=…` (scripts do this for you)."),
        "sql.password-rejected": RuleHelp(
            why:
                "Redshift refuses the password (8 to 64 characters, upper and lower case and a digit), and the script stops.",
            example: "CREATE USER u PASSWORD 'short';",
            fix: "Use a password that meets the rules, or a psql variable."),
        "sql.placeholder-statement": RuleHelp(
            why:
                "A statement that is only a placeholder has nothing to check or run; a script built from it runs nothing there.",
            example: "<your statement here>;",
            fix: "Write the statement, or mark the block `role=example`."),
        "sql.misspelt-keyword": RuleHelp(
            why:
                "The database stops at a misspelt keyword inside a statement (`odrer BY`, `bteween`, `IS nlul`) and "
                + "runs none of it; in a script, nothing after it runs either.",
            example: "SELECT id FROM t GROUP BY 1 odrer BY 1;",
            fix: "Use the suggested keyword (the fix-it writes it, in the word's case)."),
        "sql.quoted-dotted-identifier": RuleHelp(
            why: "`\"schema.table\"` names one object whose name contains a dot, not a table in a schema.",
            example: "GRANT SELECT ON \"analytics.users\" TO ROLE r;",
            fix: "Quote each part: `\"analytics\".\"users\"` (the fix-it does)."),
        "sql.run-together-keywords": RuleHelp(
            why:
                "Without the space, the database reads one unknown word (`GROUPBY1`, `leftjoin`) and rejects the statement.",
            example: "SELECT id FROM t1 leftjoin t2 ON t1.id = t2.id GROUPBY1;",
            fix: "Insert the space (the fix-it does)."),
        "sql.syntax": RuleHelp(
            why: "A statement that does not parse fails when pasted, and everything after it in a script does not run.",
            example: "GRANT SELECT ON TABLE t TO;",
            fix: "Correct the statement at the position shown."),
        "sql.unknown-privilege": RuleHelp(
            why:
                "The database rejects a privilege it does not have, usually a misspelling, and the grant gives nothing.",
            example: "GRANT SELCT ON ALL TABLES IN SCHEMA s TO ROLE r;",
            fix: "Use the suggested privilege."),
        "sql.unknown-qualifier": RuleHelp(
            why:
                "A column qualified by a misspelt alias or a table missing from FROM (`usr.id` where the table is "
                + "`users u`) stops the query: \"missing FROM-clause entry for table\".",
            example: "SELECT usr.id FROM users u;",
            fix:
                "Use the alias or table the statement defines (the suggestion is a guess among its names), or add "
                + "the table to FROM."),
        "sql.unknown-statement": RuleHelp(
            why: "A statement whose first word is no command fails when pasted (`GRNAT`), and a script stops there.",
            example: "GRNAT SELECT ON ALL TABLES IN SCHEMA s TO ROLE r;",
            fix: "Use the suggested command; if it is another engine's SQL, label the fence with its dialect."),
        "sql.unterminated": RuleHelp(
            why: "An unclosed string, quoted name, comment or dollar quote swallows the rest of the block.",
            example: "CREATE USER u PASSWORD 'Secret123;",
            fix: "Close it."),
        "suppression.unknown-rule": RuleHelp(
            why: "A suppression naming no rule silences nothing, so the finding it was meant for is still reported.",
            example: "CREATE USER u PASSWORD 'Secret123'; -- runbook: disable=sql.pasword-literal",
            fix: "Use the suggested rule id."),
        "suppression.unused": RuleHelp(
            why: "A suppression that silences nothing hides a future finding for no reason today.",
            example: "GRANT USAGE ON SCHEMA s TO ROLE r; -- runbook: disable=sql.syntax",
            fix: "Remove the suppression."),
        "verify.extra-default-privilege": RuleHelp(
            why: "The database gives future tables to a principal the runbook does not: tables created later leak.",
            example: "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r; (not in the runbook)",
            fix: "Revoke the default privilege (`verify --repair --revoke-extra`), or document it."),
        "verify.extra-privilege": RuleHelp(
            why: "The live database gives a principal more than the runbook does: drift, or access nobody documented.",
            example: "The runbook grants SELECT; the database also holds INSERT.",
            fix: "Revoke it (`verify --repair` writes the REVOKE), or document it in the runbook."),
        "verify.missing-default-privilege": RuleHelp(
            why: "Without the default privilege, tables created after setup stay unreadable for the role.",
            example: "The runbook runs ALTER DEFAULT PRIVILEGES … GRANT SELECT ON TABLES; the database has none.",
            fix: "Run the statement again (`verify --repair` writes it)."),
        "verify.missing-membership": RuleHelp(
            why: "A user that is not a member of the runbook's role gets none of the role's privileges.",
            example: "The runbook runs GRANT ROLE segment_role TO segment_user; the database shows no membership.",
            fix: "Grant the role (`verify --repair` writes it)."),
        "verify.missing-object": RuleHelp(
            why: "An object the runbook creates or uses is not on the server, so the privileges on it cannot hold.",
            example: "The runbook creates schema segment; the server has none.",
            fix: "Run the step that creates it."),
        "verify.missing-principal": RuleHelp(
            why: "A user or role the runbook creates is not on the server.",
            example: "The runbook creates role segment_role; the server has none.",
            fix: "Run the step that creates it."),
        "verify.missing-privilege": RuleHelp(
            why: "The database lacks a privilege the runbook gives, so the product fails where it needs it.",
            example: "The runbook grants USAGE on schema s; the database does not hold it.",
            fix: "Run the grant (`verify --repair` writes it)."),

        // MARK: - Snowflake model (Sources/RunbookPrivileges/Snowflake)
        "privileges.missing-usage": RuleHelp(
            why:
                "Snowflake checks four things before a read: USAGE on a warehouse, on the database, on the schema, and SELECT. Without one, the query fails or the grant gives nothing.",
            example:
                "GRANT SELECT ON ALL TABLES IN SCHEMA db.s TO ROLE reader;\n-- no GRANT USAGE ON DATABASE db, ON SCHEMA db.s",
            fix: "Grant what the message lists to the same role."),
        "snowflake.database-schema-mismatch": RuleHelp(
            why:
                "A bare name where a schema belongs is a schema of the current database: a variable holding a database's name names the wrong thing.",
            example: "SET db = 'MARKETING_DB';\nGRANT SELECT ON ALL VIEWS IN SCHEMA IDENTIFIER($db) TO ROLE r;",
            fix:
                "Use a variable holding 'DATABASE.SCHEMA' where a schema is expected, and the database alone where a database is."
        ),
        "snowflake.default-not-granted": RuleHelp(
            why:
                "DEFAULT_ROLE and DEFAULT_WAREHOUSE grant nothing; a user who never receives them signs in without them.",
            example: "CREATE USER u DEFAULT_ROLE = reader;\n-- no GRANT ROLE reader TO USER u",
            fix: "Grant the role to the user (and USAGE on the warehouse to one of its roles)."),
        "snowflake.insufficient-privileges": RuleHelp(
            why:
                "A statement fails when the session's role lacks the privilege; CREATE checks the primary role alone, grants need MANAGE GRANTS or ownership.",
            example: "USE ROLE SYSADMIN;\nCREATE USER u;",
            fix: "USE ROLE the role the message names (or grant the privilege to the role in use) before the statement."
        ),
        "snowflake.no-current-database": RuleHelp(
            why:
                "A new session has no current database, so an unqualified schema name cannot be resolved and the statement fails.",
            example: "GRANT CREATE TABLE ON SCHEMA __segment_reverse_etl TO ROLE r;",
            fix: "Qualify the name with its database, or run USE DATABASE in the same step."),
        "snowflake.on-all-without-future": RuleHelp(
            why: "ON ALL reaches only the objects that exist when it runs; those created later stay out of reach.",
            example:
                "GRANT USAGE ON ALL SCHEMAS IN DATABASE d TO ROLE r;\nGRANT SELECT ON FUTURE TABLES IN DATABASE d TO ROLE r;",
            fix: "Add the same grant ON FUTURE for that kind of object."),
        "snowflake.ownership-with-grants": RuleHelp(
            why: "Snowflake refuses to move ownership of an object that has grants unless told what to do with them.",
            example: "GRANT SELECT ON TABLE t TO ROLE a;\nGRANT OWNERSHIP ON TABLE t TO ROLE b;",
            fix: "Add COPY CURRENT GRANTS (keep them) or REVOKE CURRENT GRANTS (drop them)."),
        "snowflake.password-despite-key-pair": RuleHelp(
            why:
                "The page says only key-pair sign-in works, yet the SQL gives the user a password and no key: the reader ends up with a user who cannot connect.",
            example: "Snowflake only supports authentication using a key pair.\n\nCREATE USER u PASSWORD = 'x';",
            fix: "Set RSA_PUBLIC_KEY instead of PASSWORD."),
        "snowflake.role-not-granted": RuleHelp(
            why: "USE ROLE fails when the role is not granted to the user running the step.",
            example: "CREATE ROLE r;\nUSE ROLE r;",
            fix: "Grant the role to the user first, or run the step as a user who holds it."),
        "snowflake.service-user-password": RuleHelp(
            why: "Service users sign in with a key pair only; Snowflake rejects a PASSWORD on them.",
            example: "CREATE USER u TYPE = SERVICE PASSWORD = 'x';",
            fix: "Remove PASSWORD and set RSA_PUBLIC_KEY."),
        "snowflake.shadowed-future-grant": RuleHelp(
            why:
                "When a schema has future grants for a kind of object, the database's future grants for that kind are ignored there, even those to other roles.",
            example:
                "GRANT SELECT ON FUTURE TABLES IN DATABASE d TO ROLE r1;\nGRANT INSERT ON FUTURE TABLES IN SCHEMA d.s TO ROLE r2;",
            fix: "Repeat the database-level grant IN SCHEMA for that schema."),
        "snowflake.unevaluated-name": RuleHelp(
            why:
                "A name computed by an expression the tool cannot evaluate is not checked; the note says which statements were skipped.",
            example: "SET t = (SELECT max(name) FROM tables);\nGRANT SELECT ON TABLE IDENTIFIER($t) TO ROLE r;",
            fix: "Set the variable to a string literal if the name is known."),
        "snowflake.unset-variable": RuleHelp(
            why:
                "Session variables vanish with their session, and each step is usually run in a fresh worksheet: a variable set in another step does not exist.",
            example:
                "### Step 1\n```sql\nSET role = 'R';\n```\n### Step 2\n```sql\nGRANT ROLE IDENTIFIER($role) TO USER u;\n```",
            fix:
                "Repeat the SET in the step that uses it, or mark the block `session=same` when it really runs in the same session."
        ),

        // MARK: - Connection switches that name a user (Sources/RunbookPrivileges/Checks/UnknownConnectionUserCheck.swift)
        "privileges.unknown-connection-user": RuleHelp(
            why:
                "A switch such as \"As user2 on db2\" makes the script connect as user2 (`\\connect db2 user2`): if user2 does not exist yet, the connection fails and the script stops there.",
            example:
                "As `user2` on `db2`, read the table:\n\n```sql\nSELECT * FROM db1.public.t;\n```\n(no step creates user2)",
            fix:
                "Create the user in an earlier step, or correct its name; turn the rule off for a page whose users exist before it starts."
        ),
    ]
}
