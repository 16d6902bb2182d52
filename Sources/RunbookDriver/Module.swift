// RunbookDriver
