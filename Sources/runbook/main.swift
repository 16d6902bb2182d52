import RunbookCommandLine

RunbookCommand.runFromCommandLine()
