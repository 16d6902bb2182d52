import Foundation
import Testing

/// Debian's Neovim (0.7.2: `vim.lsp.start_client`, `vim.lsp.buf_attach_client`) as a real client of
/// `runbook lsp`: it opens a guide whose finding comes after non-ASCII text on its line, gets the
/// diagnostics at the right characters, asks for the code action, applies it, and writes the file.
@Suite(
    .serialized, .enabled(if: Neovim.path != nil || Neovim.required, "\(Neovim.missingMessage); Neovim test skipped"))
struct NeovimLSPTests {
    static let guide = LanguageServerClient.guide

    /// The client side: everything Neovim sees is written to REPORT as `key=value` lines for the test to check;
    /// any failure ends Neovim with status 1 and the reason on stderr.
    static let script = #"""
        local report = {}
        local function note(key, value) table.insert(report, key .. '=' .. tostring(value)) end
        local function finish(status)
          local file = io.open(vim.env.REPORT, 'w')
          file:write(table.concat(report, '\n') .. '\n')
          file:close()
          vim.cmd((status == 0) and 'qall!' or 'cquit! 1')
        end
        local function grantee_findings(bufnr)
          local found = {}
          for _, d in ipairs(vim.diagnostic.get(bufnr)) do
            local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
            if code == 'sql.grantee-missing-keyword' then table.insert(found, d) end
          end
          return found
        end
        local ok, err = pcall(function()
          vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.GUIDE))
          local bufnr = vim.api.nvim_get_current_buf()
          local client_id = vim.lsp.start_client({
            name = 'runbook',
            cmd = { vim.env.RUNBOOK, 'lsp' },
            root_dir = vim.fn.fnamemodify(vim.env.GUIDE, ':h'),
          })
          assert(client_id, 'the language client did not start')
          vim.lsp.buf_attach_client(bufnr, client_id)
          assert(vim.wait(20000, function() return #grantee_findings(bufnr) > 0 end, 20), 'no diagnostics within 20 s')
          local d = grantee_findings(bufnr)[1]
          local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
          note('lnum', d.lnum)
          note('col', d.col)
          note('end_col', d.end_col)
          note('text', string.sub(line, d.col + 1, d.end_col))
          note('client', vim.lsp.get_client_by_id(client_id).offset_encoding)

          vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
          local params = vim.lsp.util.make_range_params()
          params.context = { diagnostics = {} }
          local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
          assert(responses and responses[client_id], 'no answer to textDocument/codeAction')
          assert(not responses[client_id].err, 'codeAction failed: ' .. vim.inspect(responses[client_id].err))
          local actions = responses[client_id].result or {}
          note('actions', #actions)
          local chosen
          for _, action in ipairs(actions) do
            if string.find(action.title, 'sql.grantee-missing-keyword', 1, true) then chosen = action end
          end
          assert(chosen, 'no quick fix among ' .. vim.inspect(actions))
          note('title', chosen.title)
          vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
          vim.cmd('write')
          assert(vim.wait(20000, function() return #grantee_findings(bufnr) == 0 end, 20), 'the finding stayed after the fix')
          note('after', #grantee_findings(bufnr))
          vim.lsp.stop_client(client_id)
          vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
        end)
        if not ok then
          io.stderr:write('FAILED: ' .. tostring(err) .. '\n')
          note('error', err)
          finish(1)
        else
          finish(0)
        end
        """#

    @Test func neovimSeesTheDiagnosticAndAppliesTheFix() throws {
        let nvim = try #require(Neovim.path, "\(Neovim.missingMessage); RUNBOOK_REQUIRE_SERVICES=1 needs it")
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let guide = folder.appendingPathComponent("guide.md")
        try Self.guide.write(to: guide, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("client.lua")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let report = folder.appendingPathComponent("report.txt")

        let result = try RunbookProcess.run(
            ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile \(script.path)"], in: folder,
            environment: [
                "GUIDE": guide.path, "REPORT": report.path, "RUNBOOK": RunbookProcess.executable.path,
                "XDG_STATE_HOME": folder.path, "XDG_CACHE_HOME": folder.path, "XDG_DATA_HOME": folder.path,
            ], timeout: 90, executable: URL(fileURLWithPath: nvim))
        let reported = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        #expect(result.status == 0, "nvim: \(result.stderr)\n\(reported)")
        var values: [String: String] = [:]
        for line in reported.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        // Neovim turns the server's UTF-16 characters into byte columns: they land exactly on the name.
        #expect(values["lnum"] == "11")
        #expect(values["col"] == "52")
        #expect(values["end_col"] == "60")
        #expect(values["text"] == "analysts")
        #expect(values["title"] == "add ROLE [sql.grantee-missing-keyword]")
        #expect(values["after"] == "0")
        let written = try String(contentsOf: guide, encoding: .utf8)
        #expect(written == Self.guide.replacingOccurrences(of: "*/ analysts;", with: "*/ ROLE analysts;"))
    }
}

/// Debian's `neovim` package (`RUNBOOK_NVIM`, else `nvim` on the PATH).
enum Neovim {
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["RUNBOOK_NVIM"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/nvim"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// `RUNBOOK_REQUIRE_SERVICES=1`: a missing Neovim is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_SERVICES"] == "1"

    static let missingMessage = "Neovim not found (set RUNBOOK_NVIM or install Debian's neovim: scripts/setup.sh)"
}
