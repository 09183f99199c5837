# Tagged diplomatic cables with kakoune-lsp (source this file from kakrc).

hook global BufCreate .*\.cable %{ set-option buffer filetype cable }

# .txt files that start like a cable: the wrapper or a banner, after an optional dateline.
hook global BufOpenFile .*\.txt %{
  evaluate-commands %sh{
    head -n 1 "$kak_buffile" | grep -qE '^(<code><pre>|([A-Z][a-z]+day *, *[0-9]+ +[A-Z][a-z]+ +[0-9]+ *, *[0-9]+:[0-9]+ +)?(C O N F I D E N T I A L|T O P S E C R E T|S E C R E T|U N C L A S|UNCLAS|CONFIDENTIAL|TOP SECRET|SECRET))' \
      && echo 'set-option buffer filetype cable'
  }
}

hook global WinSetOption filetype=cable %{
  set-option buffer lsp_servers %{
    [cable-language-server]
    root_globs = [".git"]
    args = ["--stdio"]
    settings_section = "taggedCables"
    [cable-language-server.settings.taggedCables]
    entityTypes = ["PER", "ORG", "LOC", "MISC"]
  }
  lsp-enable-window
}
