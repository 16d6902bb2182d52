// RunbookModel
