-- The `cable` filetype: .cable files, and .txt files whose first line starts
-- like a tagged cable (the <code><pre> wrapper, or a classification banner
-- after an optional dateline). Neovim 0.7 and later.

local banners = {
  'C O N F I D E N T I A L', 'T O P S E C R E T', 'S E C R E T', 'U N C L A S',
  'UNCLASSIFIED', 'UNCLAS', 'CONFIDENTIAL', 'TOP SECRET', 'SECRET',
}

local function looks_like_cable(line)
  line = (line or ''):gsub('^\239\187\191', '') -- a byte order mark
  if line:sub(1, 11) == '<code><pre>' then return true end
  -- `Friday , 01 January 2010 , 15:02 ` before the banner
  line = line:gsub('^%u%l+day%s*,%s*%d%d?%s+%u%l+%s+%d%d%d%d%s*,%s*%d%d?:%d%d%s+', '', 1)
  for _, banner in ipairs(banners) do
    if line:sub(1, #banner) == banner then
      local after = line:sub(#banner + 1, #banner + 1)
      if after == '' or not after:match('[%w_]') then return true end
    end
  end
  return false
end

-- Neovim 0.7 runs Lua filetype detection only when asked to.
if vim.fn.has('nvim-0.8') == 0 then vim.g.do_filetype_lua = 1 end

vim.filetype.add({
  extension = { cable = 'cable' },
  pattern = {
    ['.*%.txt'] = {
      function(_, bufnr)
        local first = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
        if looks_like_cable(first) then return 'cable' end
      end,
      { priority = 10 },
    },
  },
})

return { looks_like_cable = looks_like_cable }
