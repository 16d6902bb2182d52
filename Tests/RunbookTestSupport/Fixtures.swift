/// Documents that more than one test target compiles.
package enum Fixtures {
    /// The editor tests' guide: a grantee without ROLE (a finding with a fix-it between markers 1 and 2) after
    /// non-ASCII text on its line (é, a character outside the BMP, an emoji, a CJK character), so UTF-16
    /// positions differ from bytes and scalars.
    package static let granteeWithoutKeyword = MarkedText(
        """
        # Access

        ## Step 1: Create the role

        ```sql
        CREATE ROLE analysts;
        ```

        ## Step 2: Grant access

        ```sql
        GRANT USAGE ON SCHEMA public TO /* é𝄞😀数 */ 1️⃣analysts2️⃣;
        ```

        """)

    /// Step 2 and sub-step 3.2 exist only in Extra Option 1: Extra Option 2 is numbered 1, 2, 2.1, 2.2.
    package static let numbering = #"""
        # Numbering

        ### Step 1: Create the role

        ```sql
        CREATE ROLE app_role;
        ```

        ## Extra Option 1

        ### Step 2: Create the extra schema

        ```sql
        CREATE SCHEMA extra;
        ```

        ## Extra Option 2

        No extra schema.

        ## Finish

        ### Step 3: Create the user

        1. Create the user.

           ```sql
           CREATE USER app_user PASSWORD 'Secret-Value-99';
           ```

        2. For Extra Option 1:

           ```sql
           GRANT USAGE ON SCHEMA extra TO ROLE app_role;
           ```

        3. Grant the role.

           ```sql
           GRANT ROLE app_role TO app_user;
           ```
        """#
}
