// RunbookSQL
