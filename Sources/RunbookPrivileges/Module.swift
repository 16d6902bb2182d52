// RunbookPrivileges
