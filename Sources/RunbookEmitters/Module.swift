// RunbookEmitters
