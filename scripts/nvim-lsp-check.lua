-- Headless Neovim (0.7 or later) as a second, independent LSP client for Rampart's language server.
--
-- Opens the file named on the command line, starts the server command from $NVIM_LSP_CMD (a JSON array) over
-- stdio, attaches it to the buffer, waits for textDocument/publishDiagnostics, then asks for the code actions
-- of every diagnostic and the hover of the first one, prints one JSON object and quits.
--
--   NVIM_LSP_CMD='["node","out/server/src/lsp/main.js","--stdio"]' nvim --headless --clean -u nvim-lsp-check.lua FILE
--
-- Environment:
--   NVIM_LSP_CMD        JSON array: the server command (required)
--   NVIM_LSP_ROOT       the workspace root given to the server (default: the current directory)
--   NVIM_LSP_SETTINGS   JSON object of settings, e.g. {"rampart":{"workspaceScan":false}}: answered to
--                       workspace/configuration and sent in workspace/didChangeConfiguration after start
--   NVIM_LSP_TIMEOUT_MS how long to wait for diagnostics (default 15000)
--   NVIM_LSP_SETTLE_MS  how long to keep listening after the first publish (default 300)
--   NVIM_LSP_MIN        fewest diagnostics that count as success (default 0)
--   NVIM_LSP_OUT        write the JSON there instead of stdout
-- Exit status: 0 diagnostics received; 1 timeout, or the server exited first; 2 bad setup; 3 fewer than NVIM_LSP_MIN.
-- Positions in the output are 1-based; columns are byte columns (UTF-16 and bytes agree on ASCII lines).

local function getenv(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local function emit(result)
  local json = vim.fn.json_encode(result)
  local out = getenv('NVIM_LSP_OUT', nil)
  if out then
    local fh = assert(io.open(out, 'w'))
    fh:write(json, '\n')
    fh:close()
  else
    io.stdout:write(json, '\n')
    io.stdout:flush()
  end
end

-- Ends the session: the server gets shutdown + exit (not a closed pipe), then Neovim quits with `code`.
local function quit(code, result)
  emit(result)
  local clients = vim.lsp.get_active_clients()
  if #clients > 0 then
    vim.lsp.stop_client(clients, false)
    vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  end
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

local SEVERITY = { 'ERROR', 'WARN', 'INFO', 'HINT' }

local function run()
  local file = vim.fn.argv(0)
  local ok, cmd = pcall(vim.fn.json_decode, getenv('NVIM_LSP_CMD', ''))
  if file == '' or not ok or type(cmd) ~= 'table' or #cmd == 0 then
    return quit(2, { error = 'usage: NVIM_LSP_CMD=<json array> nvim --headless -u nvim-lsp-check.lua FILE' })
  end
  local settings = vim.empty_dict()
  local raw_settings = getenv('NVIM_LSP_SETTINGS', nil)
  if raw_settings then
    local sok, s = pcall(vim.fn.json_decode, raw_settings)
    if not sok or type(s) ~= 'table' then return quit(2, { error = 'NVIM_LSP_SETTINGS is not a JSON object' }) end
    settings = s
  end
  local timeout = tonumber(getenv('NVIM_LSP_TIMEOUT_MS', '15000'))
  local settle = tonumber(getenv('NVIM_LSP_SETTLE_MS', '300'))
  local min = tonumber(getenv('NVIM_LSP_MIN', '0'))

  local bufnr = vim.fn.bufadd(vim.fn.fnamemodify(file, ':p'))
  vim.fn.bufload(bufnr)
  vim.api.nvim_set_current_buf(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)

  -- count the publishes for our buffer, then let Neovim store them as usual
  local publishes, last_version = 0, nil
  local store = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == uri then
      publishes = publishes + 1
      last_version = result.version
    end
    return store(err, result, ctx, config)
  end

  local exit_info = nil
  local client_id = vim.lsp.start_client({
    name = 'rampart',
    cmd = cmd,
    root_dir = getenv('NVIM_LSP_ROOT', vim.fn.getcwd()),
    settings = settings,
    -- like nvim-lspconfig: clients without workspace/configuration support get the settings pushed
    on_init = function(client)
      if raw_settings then client.notify('workspace/didChangeConfiguration', { settings = settings }) end
    end,
    on_exit = function(code, signal) exit_info = { code = code, signal = signal } end,
  })
  if not client_id then return quit(2, { error = 'the server did not start', cmd = cmd }) end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local arrived = vim.wait(timeout, function() return publishes > 0 or exit_info ~= nil end, 20)
  if publishes == 0 then
    if exit_info then return quit(1, { error = 'the server exited before publishing diagnostics', exit = exit_info, file = file }) end
    if not arrived then return quit(1, { error = 'no diagnostics within the timeout', timeout_ms = timeout, file = file }) end
  end
  vim.wait(settle, function() return false end, 20)

  local client = vim.lsp.get_client_by_id(client_id)
  local can_act = client and client.server_capabilities and client.server_capabilities.codeActionProvider
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    local entry = {
      code = d.code or lsp.code, source = d.source, message = d.message, severity = SEVERITY[d.severity],
      line = d.lnum + 1, col = d.col + 1, end_line = d.end_lnum + 1, end_col = d.end_col + 1, actions = {},
    }
    if can_act then
      local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
      local params = {
        textDocument = { uri = uri }, range = range,
        context = { diagnostics = { { range = range, message = d.message, severity = d.severity, source = d.source, code = entry.code } } },
      }
      for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000) or {}) do
        for _, action in ipairs(response.result or {}) do table.insert(entry.actions, action.title) end
      end
    end
    table.insert(diagnostics, entry)
  end
  table.sort(diagnostics, function(a, b) return a.line < b.line or (a.line == b.line and a.col < b.col) end)

  local hover = nil
  if diagnostics[1] then
    local params = { textDocument = { uri = uri }, position = { line = diagnostics[1].line - 1, character = diagnostics[1].col - 1 } }
    for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000) or {}) do
      if response.result and response.result.contents then hover = response.result.contents.value end
    end
  end

  local result = {
    file = file, server = client and client.name, publishes = publishes, version = last_version,
    diagnostics = diagnostics, hover = hover,
  }
  return quit(#diagnostics < min and 3 or 0, result)
end

local ok, err = pcall(run)
if not ok then
  io.stderr:write('nvim-lsp-check: ', tostring(err), '\n')
  vim.cmd('cquit 2')
end
