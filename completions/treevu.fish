# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_treevu_global_optspecs
    string join \n db= database-url= config= profile= json format= q/quiet v/verbose no-color lang= exact-cells h/help V/version
end

function __fish_treevu_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_treevu_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_treevu_using_subcommand
    set -l cmd (__fish_treevu_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c treevu -n "__fish_treevu_needs_command" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_needs_command" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_needs_command" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_needs_command" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_needs_command" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_needs_command" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_needs_command" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_needs_command" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_needs_command" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_needs_command" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_needs_command" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "connect" -d 'Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "auth" -d 'Connected accounts: status, current token for scripts, logout'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "profiles" -d 'List merchant profiles and where their data lives'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "merchants" -d 'Merchants of a PostgreSQL store (--database-url): list, add, remove'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "operator" -d 'The operator of a PostgreSQL store (--database-url): every account\'s status, rotating the key of the stored secrets'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "sync" -d 'Pull listings, stats, leads and conversations into the local store'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "schedule" -d 'Print the crontab line or systemd units that run \'treevu sync --due\''
complete -c treevu -n "__fish_treevu_needs_command" -f -a "watch" -d 'Stay in the foreground and sync each account when it is due'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "worker" -d 'Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "recommend" -d 'The price to ask for synced listings: recommended price, range, confidence and why'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "estimate" -d 'Price homes and cars that are not listed yet, against the market pool'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "market" -d 'Market comparables: import CSV files, analyze a listing against its market'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "valuation" -d 'A car\'s value computed locally, with each factor\'s contribution'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "readiness" -d 'Buyer Readiness Score (0-100, hot/warm/cold) of synced listings'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "forecast" -d 'Expected contacts and time to sale of synced listings'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "backtest" -d 'Measure treevu\'s pricing accuracy on the pool (k-fold) or a labelled file'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "listings" -d 'Show the listings stored locally (from \'treevu sync\')'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "listing" -d 'Change, publish or take down a listing at its marketplace'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "crosslist" -d 'Publish listings on other marketplaces (homes: Inmuebles24 <-> OLX; cars: Autofact <-> OLX), linked as twins'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "leads" -d 'Inmuebles24 leads: who asked about your properties'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "conversations" -d 'OLX conversations: buyers\' chats about your listings'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "report" -d 'Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "twins" -d 'Items listed on more than one marketplace: groups, evidence, links, delist policy, stats'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "sandbox" -d 'Run the built-in marketplace sandbox (the three APIs on loopback)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "demo" -d 'Try treevu end to end against the built-in sandbox: connect, sync, prices, analysis'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "generate-docs" -d 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l port -d 'Port of the local callback server on 127.0.0.1 [default: any free port]' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l timeout -d 'Seconds to wait for the browser' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l no-browser -d 'Do not open a browser; print the address to open elsewhere (also implied over SSH or with no display)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l api-key-stdin -d 'Autofact: read the API key from the first line of stdin instead of a hidden prompt'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "status" -d 'Which accounts are connected, from where, and whether any needs you (exit 1 if so)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "token" -d 'Print the current access token (or Autofact key) for scripts, refreshing it if due'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "logout" -d 'Forget the saved secret; revoke it at the marketplace where its API allows'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "llm-key" -d 'Save the API key of the LLM behind \'recommend --explain\' in the secret store'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "client-secret" -d 'Save the app\'s OAuth client secret (servers that want a confidential client) in the secret store'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l stdin -d 'Read the key from the first line of stdin instead of a hidden prompt'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l delete -d 'Forget the saved key instead'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l stdin -d 'Read the secret from the first line of stdin instead of a hidden prompt'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l delete -d 'Forget the saved secret instead (treevu is a public client again)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Which accounts are connected, from where, and whether any needs you (exit 1 if so)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the current access token (or Autofact key) for scripts, refreshing it if due'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Forget the saved secret; revoke it at the marketplace where its API allows'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "llm-key" -d 'Save the API key of the LLM behind \'recommend --explain\' in the secret store'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "client-secret" -d 'Save the app\'s OAuth client secret (servers that want a confidential client) in the secret store'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'Every merchant: accounts, last sync, created'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Add a merchant (a name as for profiles: letters, digits, - and _)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Delete a merchant and all of its data, after confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every merchant: accounts, last sync, created'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a merchant (a name as for profiles: letters, digits, - and _)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a merchant and all of its data, after confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -f -a "status" -d 'Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -f -a "rotate-key" -d 'Re-encrypt every merchant\'s secrets under a new operator key, in one transaction'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l new-key-file -d 'The new key: a file (mode 600) holding 32 random bytes in base64' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "status" -d 'Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "rotate-key" -d 'Re-encrypt every merchant\'s secrets under a new operator key, in one transaction'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l max-wait -d 'Longest wait for the hourly rate window to reset before stopping with a checkpoint' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l concurrency -d 'Pages fetched at once' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l all -d 'Every connected account'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l full -d 'Ignore the incremental cursor: pull everything and mark what vanished as removed'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l due -d 'Only accounts whose sync interval has passed (for cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l all-profiles -d 'Every merchant profile in turn, each within its own budgets'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l wait -d 'If another treevu is syncing the same account, wait for it instead of exiting with code 5'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -a "status" -d 'Per account: the last run, its outcome and counts, the budget left and when the next run is due'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "status" -d 'Per account: the last run, its outcome and counts, the budget left and when the next run is due'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l every -d 'Minutes between checks; each account still syncs only when its interval has passed' -r
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l cron -d 'A crontab line (the default)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l systemd -d 'A systemd user service and timer'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l check-every -d 'Seconds between checks for accounts that are due' -r
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l concurrency -d 'Accounts synced at once' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l lease-seconds -d 'How long a claimed account stays this worker\'s without a renewal' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l once -d 'Sync what is due now and exit (non-zero if an account failed)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l apply -d 'Send the recommended price to the marketplace (shows old → new and asks first)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s y -l yes -d 'With --apply: do not ask for confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l dry-run -d 'With --apply: show the request that would be sent and send nothing'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l force -d 'With --apply: send a price that changes more than apply.max_change (20%) or whose confidence is below apply.min_confidence (40%)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l all-twins -d 'With --apply: send the price to each twin on the other marketplaces too, in its own currency at pricing.pen_per_usd'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l explain -d 'Ask the configured LLM (TREEVU_LLM_URL, TREEVU_LLM_MODEL) to explain each price in the language of the run; treevu\'s numbers stand'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l kind -d 'What to price (with --input, recognised from the file\'s columns when not given)' -r -f -a "property\t''
vehicle\t''"
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l input -d 'A CSV of items (columns as in docs/pricing.md; a price column is ignored); one result per row, in order' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l id -d 'Id shown in the result' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l operation -d 'sale or rent' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l property-type -d 'apartment, house, land or commercial' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l district -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l zone -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l area -d 'Total area in m²' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l bedrooms -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l bathrooms -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l parking -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l brand -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l model -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l year -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l mileage -d 'Odometer in km' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l transmission -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l fuel-type -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l condition -d 'excellent, good, fair or poor' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l title -d 'Listing title (words such as "estreno" or "vista al mar" count)' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l currency -d 'Currency to answer in (default: PEN for properties, USD for vehicles)' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "import" -d 'Load market comparables from a CSV file (idempotent by id: a re-import updates)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "analyze" -d 'Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "facts" -d 'Regenerate the built-in market figures (aggregates, never rows) from market files'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l kind -d 'What the file holds (recognised from its columns when not given)' -r -f -a "property\t''
vehicle\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l properties -d 'Homes file (columns of lima-properties.csv)' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l vehicles -d 'Cars file (columns of vehicles.csv): Lima rows give the levels, others only the age curve' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l out -d 'Write the table here (default: stdout); crates/pricing/src/lima_facts.json is the one compiled in' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "import" -d 'Load market comparables from a CSV file (idempotent by id: a re-import updates)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "analyze" -d 'Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "facts" -d 'Regenerate the built-in market figures (aggregates, never rows) from market files'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l kind -d 'Which pool to test' -r -f -a "property\t''
vehicle\t''"
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l input -d 'A labelled CSV (with prices) to price against the pool, instead of k-fold over the pool' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l folds -d 'Folds of the cross-validation over the pool' -r
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s m -l marketplace -d 'Only this marketplace' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s s -l status -d 'Only listings with this status (active, sold, rented, removed)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l all -d 'Include listings no longer found at the marketplace'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "update" -d 'Change a listing\'s price, title, description or status at its marketplace (PUT)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "create" -d 'Publish a new listing from a JSON file in the marketplace\'s shape (POST)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "remove" -d 'Take a listing down (DELETE on OLX; status \'removed\' on Inmuebles24 and Autofact)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l price -d 'New price in the listing\'s currency, e.g. 285000 or 285,000.50' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l title -d 'New title (5 to 255 characters)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l description -d 'New description (OLX and Inmuebles24)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l status -d 'New status' -r -f -a "active\t''
sold\t''
rented\t''
removed\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s y -l yes -d 'Do not ask for confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l dry-run -d 'Print the request that would be sent (method, path, body) and send nothing'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l all-twins -d 'With --price: the same price for each twin on the other marketplaces, in its own currency at pricing.pen_per_usd'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l force -d 'With --all-twins: send a twin\'s price even when it changes more than apply.max_change (20%)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s m -l marketplace -d 'Where to publish' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l from-file -d 'The listing as JSON in the marketplace\'s shape (docs/cli.md); \'-\' reads stdin' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the request that would be sent and send nothing'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l dry-run -d 'Print the request that would be sent and send nothing'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a listing\'s price, title, description or status at its marketplace (PUT)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -f -a "create" -d 'Publish a new listing from a JSON file in the marketplace\'s shape (POST)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Take a listing down (DELETE on OLX; status \'removed\' on Inmuebles24 and Autofact)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l to -d 'Where to publish them (homes: inmuebles24, olx; cars: autofact, olx); repeat for several' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l set -d 'A field the target needs and the source lacks, or a value to use instead (e.g. address="Av. Larco 1150")' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l dry-run -d 'Print the requests that would be sent and send nothing'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s y -l yes -d 'Do not ask for confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l offline -d 'Show only what is stored; do not fetch fresh leads for the listings given'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l unread -d 'Only conversations with unread messages'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l html -d 'Also write the report as one self-contained HTML file with charts' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand report" -l limit -d 'Rows of the ranking shown on the terminal (JSON and HTML hold more)' -r
complete -c treevu -n "__fish_treevu_using_subcommand report" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand report" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand report" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand report" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand report" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand report" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand report" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand report" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand report" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l stats -d 'Compare each item\'s views, contacts (leads) and favorites per day across its marketplaces'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "link" -d 'Link two listings as one item (detection missed them, or they are yours to say)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "unlink" -d 'Unlink two listings that are not one item; detection will not link them again'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "policy" -d 'Show or set what a sync does when a twin sells: off, ask (print the commands) or auto'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -f -a "link" -d 'Link two listings as one item (detection missed them, or they are yours to say)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -f -a "unlink" -d 'Unlink two listings that are not one item; detection will not link them again'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -f -a "policy" -d 'Show or set what a sync does when a twin sells: off, ask (print the commands) or auto'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'Port on 127.0.0.1 (0: any free port)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed of the generated data: the same seed serves the same records byte for byte' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l listings -d 'The demo merchant\'s listings per marketplace' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l market -d 'Other sellers\' listings behind the market endpoints' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency-ms -d 'Delay added to every marketplace answer, in milliseconds' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l error-rate -d 'Share of API answers that fail with 500/502/503 (0 to 1)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l malformed-rate -d 'Share of the merchant\'s records served breaking the spec\'s validation (0 to 1)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Requests per window and account, for all three marketplaces [default: the spec\'s hourly limits]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-window-secs -d 'Length of a rate-limit window in seconds [default: 3600]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l token-ttl-secs -d 'Lifetime of access tokens, in seconds' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l client-auth -d 'How the OAuth token endpoints authenticate the app: public (PKCE only), or a confidential client by HTTP Basic or by the secret in the form, as production servers do' -r -f -a "public\t'A public client: `client_id` in the form; PKCE proves the rest'
basic\t'A confidential client with HTTP Basic (`client_secret_basic`)'
post\t'A confidential client with the secret in the form (`client_secret_post`)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l auto-approve -d 'Approve OAuth authorizations at once, without the consent page'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l churn -d 'Move the market between calls: engagement, prices, sales, removals, new listings'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l live-dates -d 'Date the generated listings as of now instead of a fixed day (a live-looking market; the same seed then gives the same data only on the same day)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l listings -d 'The demo merchant\'s listings per marketplace' -r
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l keep -d 'Keep the demo\'s data directory (its database) instead of removing it at exit'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l out -d 'The repository root to write into' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l db -d 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l database-url -d 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)' -r
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l config -d 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l profile -d 'Merchant profile: keeps each merchant\'s accounts, secrets and data apart' -r
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l format -d 'Output format for data on stdout' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l lang -d 'Language of what people read [default: TREEVU_LANG, the config file\'s lang, then the locale]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l json -d 'Print data as one JSON document (same as --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s q -l quiet -d 'Only errors and warnings on stderr'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s v -l verbose -d 'More detail on stderr (each request: method, path, status, time)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l no-color -d 'No colour (also with NO_COLOR set)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l exact-cells -d 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading \')'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s V -l version -d 'Print version'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "connect" -d 'Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "auth" -d 'Connected accounts: status, current token for scripts, logout'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "profiles" -d 'List merchant profiles and where their data lives'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "merchants" -d 'Merchants of a PostgreSQL store (--database-url): list, add, remove'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "operator" -d 'The operator of a PostgreSQL store (--database-url): every account\'s status, rotating the key of the stored secrets'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "sync" -d 'Pull listings, stats, leads and conversations into the local store'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "schedule" -d 'Print the crontab line or systemd units that run \'treevu sync --due\''
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "watch" -d 'Stay in the foreground and sync each account when it is due'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "worker" -d 'Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "recommend" -d 'The price to ask for synced listings: recommended price, range, confidence and why'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "estimate" -d 'Price homes and cars that are not listed yet, against the market pool'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "market" -d 'Market comparables: import CSV files, analyze a listing against its market'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "valuation" -d 'A car\'s value computed locally, with each factor\'s contribution'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "readiness" -d 'Buyer Readiness Score (0-100, hot/warm/cold) of synced listings'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "forecast" -d 'Expected contacts and time to sale of synced listings'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "backtest" -d 'Measure treevu\'s pricing accuracy on the pool (k-fold) or a labelled file'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "listings" -d 'Show the listings stored locally (from \'treevu sync\')'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "listing" -d 'Change, publish or take down a listing at its marketplace'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "crosslist" -d 'Publish listings on other marketplaces (homes: Inmuebles24 <-> OLX; cars: Autofact <-> OLX), linked as twins'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "leads" -d 'Inmuebles24 leads: who asked about your properties'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "conversations" -d 'OLX conversations: buyers\' chats about your listings'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "report" -d 'Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "twins" -d 'Items listed on more than one marketplace: groups, evidence, links, delist policy, stats'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "sandbox" -d 'Run the built-in marketplace sandbox (the three APIs on loopback)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "demo" -d 'Try treevu end to end against the built-in sandbox: connect, sync, prices, analysis'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "generate-docs" -d 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and not __fish_seen_subcommand_from connect auth profiles merchants operator sync schedule watch worker recommend estimate market valuation readiness forecast backtest listings listing crosslist leads conversations report twins sandbox demo completions generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Which accounts are connected, from where, and whether any needs you (exit 1 if so)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the current access token (or Autofact key) for scripts, refreshing it if due'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Forget the saved secret; revoke it at the marketplace where its API allows'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "llm-key" -d 'Save the API key of the LLM behind \'recommend --explain\' in the secret store'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "client-secret" -d 'Save the app\'s OAuth client secret (servers that want a confidential client) in the secret store'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from merchants" -f -a "list" -d 'Every merchant: accounts, last sync, created'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from merchants" -f -a "add" -d 'Add a merchant (a name as for profiles: letters, digits, - and _)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from merchants" -f -a "remove" -d 'Delete a merchant and all of its data, after confirmation'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from operator" -f -a "status" -d 'Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from operator" -f -a "rotate-key" -d 'Re-encrypt every merchant\'s secrets under a new operator key, in one transaction'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "status" -d 'Per account: the last run, its outcome and counts, the budget left and when the next run is due'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "import" -d 'Load market comparables from a CSV file (idempotent by id: a re-import updates)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "analyze" -d 'Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "facts" -d 'Regenerate the built-in market figures (aggregates, never rows) from market files'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from listing" -f -a "update" -d 'Change a listing\'s price, title, description or status at its marketplace (PUT)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from listing" -f -a "create" -d 'Publish a new listing from a JSON file in the marketplace\'s shape (POST)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from listing" -f -a "remove" -d 'Take a listing down (DELETE on OLX; status \'removed\' on Inmuebles24 and Autofact)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from twins" -f -a "link" -d 'Link two listings as one item (detection missed them, or they are yours to say)'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from twins" -f -a "unlink" -d 'Unlink two listings that are not one item; detection will not link them again'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from twins" -f -a "policy" -d 'Show or set what a sync does when a twin sells: off, ask (print the commands) or auto'
complete -c treevu -n "__fish_treevu_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C'
