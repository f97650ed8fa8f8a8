
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'treevu' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'treevu'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'treevu' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Connected accounts: status, current token for scripts, logout')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List merchant profiles and where their data lives')
            [CompletionResult]::new('merchants', 'merchants', [CompletionResultType]::ParameterValue, 'Merchants of a PostgreSQL store (--database-url): list, add, remove')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'The operator of a PostgreSQL store (--database-url): every account''s status, rotating the key of the stored secrets')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Pull listings, stats, leads and conversations into the local store')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Print the crontab line or systemd units that run ''treevu sync --due''')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Stay in the foreground and sync each account when it is due')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers')
            [CompletionResult]::new('recommend', 'recommend', [CompletionResultType]::ParameterValue, 'The price to ask for synced listings: recommended price, range, confidence and why')
            [CompletionResult]::new('estimate', 'estimate', [CompletionResultType]::ParameterValue, 'Price homes and cars that are not listed yet, against the market pool')
            [CompletionResult]::new('market', 'market', [CompletionResultType]::ParameterValue, 'Market comparables: import CSV files, analyze a listing against its market')
            [CompletionResult]::new('valuation', 'valuation', [CompletionResultType]::ParameterValue, 'A car''s value computed locally, with each factor''s contribution')
            [CompletionResult]::new('readiness', 'readiness', [CompletionResultType]::ParameterValue, 'Buyer Readiness Score (0-100, hot/warm/cold) of synced listings')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'Expected contacts and time to sale of synced listings')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Measure treevu''s pricing accuracy on the pool (k-fold) or a labelled file')
            [CompletionResult]::new('listings', 'listings', [CompletionResultType]::ParameterValue, 'Show the listings stored locally (from ''treevu sync'')')
            [CompletionResult]::new('listing', 'listing', [CompletionResultType]::ParameterValue, 'Change, publish or take down a listing at its marketplace')
            [CompletionResult]::new('crosslist', 'crosslist', [CompletionResultType]::ParameterValue, 'Publish listings on other marketplaces (homes: Inmuebles24 <-> OLX; cars: Autofact <-> OLX), linked as twins')
            [CompletionResult]::new('leads', 'leads', [CompletionResultType]::ParameterValue, 'Inmuebles24 leads: who asked about your properties')
            [CompletionResult]::new('conversations', 'conversations', [CompletionResultType]::ParameterValue, 'OLX conversations: buyers'' chats about your listings')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)')
            [CompletionResult]::new('twins', 'twins', [CompletionResultType]::ParameterValue, 'Items listed on more than one marketplace: groups, evidence, links, delist policy, stats')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the built-in marketplace sandbox (the three APIs on loopback)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try treevu end to end against the built-in sandbox: connect, sync, prices, analysis')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;connect' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the local callback server on 127.0.0.1 [default: any free port]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the browser')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the address to open elsewhere (also implied over SSH or with no display)')
            [CompletionResult]::new('--api-key-stdin', '--api-key-stdin', [CompletionResultType]::ParameterName, 'Autofact: read the API key from the first line of stdin instead of a hidden prompt')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;auth' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which accounts are connected, from where, and whether any needs you (exit 1 if so)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the current access token (or Autofact key) for scripts, refreshing it if due')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the saved secret; revoke it at the marketplace where its API allows')
            [CompletionResult]::new('llm-key', 'llm-key', [CompletionResultType]::ParameterValue, 'Save the API key of the LLM behind ''recommend --explain'' in the secret store')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Save the app''s OAuth client secret (servers that want a confidential client) in the secret store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;auth;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;auth;token' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;auth;logout' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;auth;llm-key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Read the key from the first line of stdin instead of a hidden prompt')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Forget the saved key instead')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;auth;client-secret' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Read the secret from the first line of stdin instead of a hidden prompt')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Forget the saved secret instead (treevu is a public client again)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which accounts are connected, from where, and whether any needs you (exit 1 if so)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the current access token (or Autofact key) for scripts, refreshing it if due')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the saved secret; revoke it at the marketplace where its API allows')
            [CompletionResult]::new('llm-key', 'llm-key', [CompletionResultType]::ParameterValue, 'Save the API key of the LLM behind ''recommend --explain'' in the secret store')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Save the app''s OAuth client secret (servers that want a confidential client) in the secret store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;auth;help;status' {
            break
        }
        'treevu;auth;help;token' {
            break
        }
        'treevu;auth;help;logout' {
            break
        }
        'treevu;auth;help;llm-key' {
            break
        }
        'treevu;auth;help;client-secret' {
            break
        }
        'treevu;auth;help;help' {
            break
        }
        'treevu;profiles' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;merchants' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every merchant: accounts, last sync, created')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a merchant (a name as for profiles: letters, digits, - and _)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a merchant and all of its data, after confirmation')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;merchants;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;merchants;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;merchants;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;merchants;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every merchant: accounts, last sync, created')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a merchant (a name as for profiles: letters, digits, - and _)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a merchant and all of its data, after confirmation')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;merchants;help;list' {
            break
        }
        'treevu;merchants;help;add' {
            break
        }
        'treevu;merchants;help;remove' {
            break
        }
        'treevu;merchants;help;help' {
            break
        }
        'treevu;operator' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Re-encrypt every merchant''s secrets under a new operator key, in one transaction')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;operator;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;operator;rotate-key' {
            [CompletionResult]::new('--new-key-file', '--new-key-file', [CompletionResultType]::ParameterName, 'The new key: a file (mode 600) holding 32 random bytes in base64')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;operator;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Re-encrypt every merchant''s secrets under a new operator key, in one transaction')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;operator;help;status' {
            break
        }
        'treevu;operator;help;rotate-key' {
            break
        }
        'treevu;operator;help;help' {
            break
        }
        'treevu;sync' {
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest wait for the hourly rate window to reset before stopping with a checkpoint')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Pages fetched at once')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every connected account')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Ignore the incremental cursor: pull everything and mark what vanished as removed')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Only accounts whose sync interval has passed (for cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Every merchant profile in turn, each within its own budgets')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'If another treevu is syncing the same account, wait for it instead of exiting with code 5')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per account: the last run, its outcome and counts, the budget left and when the next run is due')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sync;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;sync;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per account: the last run, its outcome and counts, the budget left and when the next run is due')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sync;help;status' {
            break
        }
        'treevu;sync;help;help' {
            break
        }
        'treevu;schedule' {
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Minutes between checks; each account still syncs only when its interval has passed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'A crontab line (the default)')
            [CompletionResult]::new('--systemd', '--systemd', [CompletionResultType]::ParameterName, 'A systemd user service and timer')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;watch' {
            [CompletionResult]::new('--check-every', '--check-every', [CompletionResultType]::ParameterName, 'Seconds between checks for accounts that are due')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;worker' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Accounts synced at once')
            [CompletionResult]::new('--lease-seconds', '--lease-seconds', [CompletionResultType]::ParameterName, 'How long a claimed account stays this worker''s without a renewal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Sync what is due now and exit (non-zero if an account failed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;recommend' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Send the recommended price to the marketplace (shows old → new and asks first)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'With --apply: do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --apply: do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --apply: show the request that would be sent and send nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --apply: send a price that changes more than apply.max_change (20%) or whose confidence is below apply.min_confidence (40%)')
            [CompletionResult]::new('--all-twins', '--all-twins', [CompletionResultType]::ParameterName, 'With --apply: send the price to each twin on the other marketplaces too, in its own currency at pricing.pen_per_usd')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Ask the configured LLM (TREEVU_LLM_URL, TREEVU_LLM_MODEL) to explain each price in the language of the run; treevu''s numbers stand')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;estimate' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What to price (with --input, recognised from the file''s columns when not given)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'A CSV of items (columns as in docs/pricing.md; a price column is ignored); one result per row, in order')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Id shown in the result')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'sale or rent')
            [CompletionResult]::new('--property-type', '--property-type', [CompletionResultType]::ParameterName, 'apartment, house, land or commercial')
            [CompletionResult]::new('--district', '--district', [CompletionResultType]::ParameterName, 'district')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'zone')
            [CompletionResult]::new('--area', '--area', [CompletionResultType]::ParameterName, 'Total area in m²')
            [CompletionResult]::new('--bedrooms', '--bedrooms', [CompletionResultType]::ParameterName, 'bedrooms')
            [CompletionResult]::new('--bathrooms', '--bathrooms', [CompletionResultType]::ParameterName, 'bathrooms')
            [CompletionResult]::new('--parking', '--parking', [CompletionResultType]::ParameterName, 'parking')
            [CompletionResult]::new('--brand', '--brand', [CompletionResultType]::ParameterName, 'brand')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'model')
            [CompletionResult]::new('--year', '--year', [CompletionResultType]::ParameterName, 'year')
            [CompletionResult]::new('--mileage', '--mileage', [CompletionResultType]::ParameterName, 'Odometer in km')
            [CompletionResult]::new('--transmission', '--transmission', [CompletionResultType]::ParameterName, 'transmission')
            [CompletionResult]::new('--fuel-type', '--fuel-type', [CompletionResultType]::ParameterName, 'fuel-type')
            [CompletionResult]::new('--condition', '--condition', [CompletionResultType]::ParameterName, 'excellent, good, fair or poor')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Listing title (words such as "estreno" or "vista al mar" count)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency to answer in (default: PEN for properties, USD for vehicles)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;market' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Load market comparables from a CSV file (idempotent by id: a re-import updates)')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables')
            [CompletionResult]::new('facts', 'facts', [CompletionResultType]::ParameterValue, 'Regenerate the built-in market figures (aggregates, never rows) from market files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;market;import' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What the file holds (recognised from its columns when not given)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;market;analyze' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;market;facts' {
            [CompletionResult]::new('--properties', '--properties', [CompletionResultType]::ParameterName, 'Homes file (columns of lima-properties.csv)')
            [CompletionResult]::new('--vehicles', '--vehicles', [CompletionResultType]::ParameterName, 'Cars file (columns of vehicles.csv): Lima rows give the levels, others only the age curve')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the table here (default: stdout); crates/pricing/src/lima_facts.json is the one compiled in')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;market;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Load market comparables from a CSV file (idempotent by id: a re-import updates)')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables')
            [CompletionResult]::new('facts', 'facts', [CompletionResultType]::ParameterValue, 'Regenerate the built-in market figures (aggregates, never rows) from market files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;market;help;import' {
            break
        }
        'treevu;market;help;analyze' {
            break
        }
        'treevu;market;help;facts' {
            break
        }
        'treevu;market;help;help' {
            break
        }
        'treevu;valuation' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;readiness' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;forecast' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;backtest' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which pool to test')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'A labelled CSV (with prices) to price against the pool, instead of k-fold over the pool')
            [CompletionResult]::new('--folds', '--folds', [CompletionResultType]::ParameterName, 'Folds of the cross-validation over the pool')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;listings' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Only this marketplace')
            [CompletionResult]::new('--marketplace', '--marketplace', [CompletionResultType]::ParameterName, 'Only this marketplace')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only listings with this status (active, sold, rented, removed)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only listings with this status (active, sold, rented, removed)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include listings no longer found at the marketplace')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;listing' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a listing''s price, title, description or status at its marketplace (PUT)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Publish a new listing from a JSON file in the marketplace''s shape (POST)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a listing down (DELETE on OLX; status ''removed'' on Inmuebles24 and Autofact)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;listing;update' {
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'New price in the listing''s currency, e.g. 285000 or 285,000.50')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'New title (5 to 255 characters)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description (OLX and Inmuebles24)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'New status')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent (method, path, body) and send nothing')
            [CompletionResult]::new('--all-twins', '--all-twins', [CompletionResultType]::ParameterName, 'With --price: the same price for each twin on the other marketplaces, in its own currency at pricing.pen_per_usd')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --all-twins: send a twin''s price even when it changes more than apply.max_change (20%)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;listing;create' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Where to publish')
            [CompletionResult]::new('--marketplace', '--marketplace', [CompletionResultType]::ParameterName, 'Where to publish')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'The listing as JSON in the marketplace''s shape (docs/cli.md); ''-'' reads stdin')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent and send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;listing;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent and send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;listing;help' {
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a listing''s price, title, description or status at its marketplace (PUT)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Publish a new listing from a JSON file in the marketplace''s shape (POST)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a listing down (DELETE on OLX; status ''removed'' on Inmuebles24 and Autofact)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;listing;help;update' {
            break
        }
        'treevu;listing;help;create' {
            break
        }
        'treevu;listing;help;remove' {
            break
        }
        'treevu;listing;help;help' {
            break
        }
        'treevu;crosslist' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to publish them (homes: inmuebles24, olx; cars: autofact, olx); repeat for several')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field the target needs and the source lacks, or a value to use instead (e.g. address="Av. Larco 1150")')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests that would be sent and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;leads' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Show only what is stored; do not fetch fresh leads for the listings given')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;conversations' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--unread', '--unread', [CompletionResultType]::ParameterName, 'Only conversations with unread messages')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;report' {
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write the report as one self-contained HTML file with charts')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows of the ranking shown on the terminal (JSON and HTML hold more)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;twins' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'Compare each item''s views, contacts (leads) and favorites per day across its marketplaces')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two listings as one item (detection missed them, or they are yours to say)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Unlink two listings that are not one item; detection will not link them again')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show or set what a sync does when a twin sells: off, ask (print the commands) or auto')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;twins;link' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;twins;unlink' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;twins;policy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;twins;help' {
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two listings as one item (detection missed them, or they are yours to say)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Unlink two listings that are not one item; detection will not link them again')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show or set what a sync does when a twin sells: off, ask (print the commands) or auto')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;twins;help;link' {
            break
        }
        'treevu;twins;help;unlink' {
            break
        }
        'treevu;twins;help;policy' {
            break
        }
        'treevu;twins;help;help' {
            break
        }
        'treevu;sandbox' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sandbox;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0: any free port)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the generated data: the same seed serves the same records byte for byte')
            [CompletionResult]::new('--listings', '--listings', [CompletionResultType]::ParameterName, 'The demo merchant''s listings per marketplace')
            [CompletionResult]::new('--market', '--market', [CompletionResultType]::ParameterName, 'Other sellers'' listings behind the market endpoints')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Delay added to every marketplace answer, in milliseconds')
            [CompletionResult]::new('--error-rate', '--error-rate', [CompletionResultType]::ParameterName, 'Share of API answers that fail with 500/502/503 (0 to 1)')
            [CompletionResult]::new('--malformed-rate', '--malformed-rate', [CompletionResultType]::ParameterName, 'Share of the merchant''s records served breaking the spec''s validation (0 to 1)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Requests per window and account, for all three marketplaces [default: the spec''s hourly limits]')
            [CompletionResult]::new('--rate-window-secs', '--rate-window-secs', [CompletionResultType]::ParameterName, 'Length of a rate-limit window in seconds [default: 3600]')
            [CompletionResult]::new('--token-ttl-secs', '--token-ttl-secs', [CompletionResultType]::ParameterName, 'Lifetime of access tokens, in seconds')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the OAuth token endpoints authenticate the app: public (PKCE only), or a confidential client by HTTP Basic or by the secret in the form, as production servers do')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Approve OAuth authorizations at once, without the consent page')
            [CompletionResult]::new('--churn', '--churn', [CompletionResultType]::ParameterName, 'Move the market between calls: engagement, prices, sales, removals, new listings')
            [CompletionResult]::new('--live-dates', '--live-dates', [CompletionResultType]::ParameterName, 'Date the generated listings as of now instead of a fixed day (a live-looking market; the same seed then gives the same data only on the same day)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sandbox;help;serve' {
            break
        }
        'treevu;sandbox;help;help' {
            break
        }
        'treevu;demo' {
            [CompletionResult]::new('--listings', '--listings', [CompletionResultType]::ParameterName, 'The demo merchant''s listings per marketplace')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the demo''s data directory (its database) instead of removing it at exit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;generate-docs' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The repository root to write into')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Merchant profile: keeps each merchant''s accounts, secrets and data apart')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for data on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of what people read [default: TREEVU_LANG, the config file''s lang, then the locale]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as one JSON document (same as --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors and warnings on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (each request: method, path, status, time)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colour (also with NO_COLOR set)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading '')')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'treevu;help' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Connected accounts: status, current token for scripts, logout')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List merchant profiles and where their data lives')
            [CompletionResult]::new('merchants', 'merchants', [CompletionResultType]::ParameterValue, 'Merchants of a PostgreSQL store (--database-url): list, add, remove')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'The operator of a PostgreSQL store (--database-url): every account''s status, rotating the key of the stored secrets')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Pull listings, stats, leads and conversations into the local store')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Print the crontab line or systemd units that run ''treevu sync --due''')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Stay in the foreground and sync each account when it is due')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers')
            [CompletionResult]::new('recommend', 'recommend', [CompletionResultType]::ParameterValue, 'The price to ask for synced listings: recommended price, range, confidence and why')
            [CompletionResult]::new('estimate', 'estimate', [CompletionResultType]::ParameterValue, 'Price homes and cars that are not listed yet, against the market pool')
            [CompletionResult]::new('market', 'market', [CompletionResultType]::ParameterValue, 'Market comparables: import CSV files, analyze a listing against its market')
            [CompletionResult]::new('valuation', 'valuation', [CompletionResultType]::ParameterValue, 'A car''s value computed locally, with each factor''s contribution')
            [CompletionResult]::new('readiness', 'readiness', [CompletionResultType]::ParameterValue, 'Buyer Readiness Score (0-100, hot/warm/cold) of synced listings')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'Expected contacts and time to sale of synced listings')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Measure treevu''s pricing accuracy on the pool (k-fold) or a labelled file')
            [CompletionResult]::new('listings', 'listings', [CompletionResultType]::ParameterValue, 'Show the listings stored locally (from ''treevu sync'')')
            [CompletionResult]::new('listing', 'listing', [CompletionResultType]::ParameterValue, 'Change, publish or take down a listing at its marketplace')
            [CompletionResult]::new('crosslist', 'crosslist', [CompletionResultType]::ParameterValue, 'Publish listings on other marketplaces (homes: Inmuebles24 <-> OLX; cars: Autofact <-> OLX), linked as twins')
            [CompletionResult]::new('leads', 'leads', [CompletionResultType]::ParameterValue, 'Inmuebles24 leads: who asked about your properties')
            [CompletionResult]::new('conversations', 'conversations', [CompletionResultType]::ParameterValue, 'OLX conversations: buyers'' chats about your listings')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)')
            [CompletionResult]::new('twins', 'twins', [CompletionResultType]::ParameterValue, 'Items listed on more than one marketplace: groups, evidence, links, delist policy, stats')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the built-in marketplace sandbox (the three APIs on loopback)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try treevu end to end against the built-in sandbox: connect, sync, prices, analysis')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;help;connect' {
            break
        }
        'treevu;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which accounts are connected, from where, and whether any needs you (exit 1 if so)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the current access token (or Autofact key) for scripts, refreshing it if due')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the saved secret; revoke it at the marketplace where its API allows')
            [CompletionResult]::new('llm-key', 'llm-key', [CompletionResultType]::ParameterValue, 'Save the API key of the LLM behind ''recommend --explain'' in the secret store')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Save the app''s OAuth client secret (servers that want a confidential client) in the secret store')
            break
        }
        'treevu;help;auth;status' {
            break
        }
        'treevu;help;auth;token' {
            break
        }
        'treevu;help;auth;logout' {
            break
        }
        'treevu;help;auth;llm-key' {
            break
        }
        'treevu;help;auth;client-secret' {
            break
        }
        'treevu;help;profiles' {
            break
        }
        'treevu;help;merchants' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every merchant: accounts, last sync, created')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a merchant (a name as for profiles: letters, digits, - and _)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a merchant and all of its data, after confirmation')
            break
        }
        'treevu;help;merchants;list' {
            break
        }
        'treevu;help;merchants;add' {
            break
        }
        'treevu;help;merchants;remove' {
            break
        }
        'treevu;help;operator' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Re-encrypt every merchant''s secrets under a new operator key, in one transaction')
            break
        }
        'treevu;help;operator;status' {
            break
        }
        'treevu;help;operator;rotate-key' {
            break
        }
        'treevu;help;sync' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per account: the last run, its outcome and counts, the budget left and when the next run is due')
            break
        }
        'treevu;help;sync;status' {
            break
        }
        'treevu;help;schedule' {
            break
        }
        'treevu;help;watch' {
            break
        }
        'treevu;help;worker' {
            break
        }
        'treevu;help;recommend' {
            break
        }
        'treevu;help;estimate' {
            break
        }
        'treevu;help;market' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Load market comparables from a CSV file (idempotent by id: a re-import updates)')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables')
            [CompletionResult]::new('facts', 'facts', [CompletionResultType]::ParameterValue, 'Regenerate the built-in market figures (aggregates, never rows) from market files')
            break
        }
        'treevu;help;market;import' {
            break
        }
        'treevu;help;market;analyze' {
            break
        }
        'treevu;help;market;facts' {
            break
        }
        'treevu;help;valuation' {
            break
        }
        'treevu;help;readiness' {
            break
        }
        'treevu;help;forecast' {
            break
        }
        'treevu;help;backtest' {
            break
        }
        'treevu;help;listings' {
            break
        }
        'treevu;help;listing' {
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a listing''s price, title, description or status at its marketplace (PUT)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Publish a new listing from a JSON file in the marketplace''s shape (POST)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a listing down (DELETE on OLX; status ''removed'' on Inmuebles24 and Autofact)')
            break
        }
        'treevu;help;listing;update' {
            break
        }
        'treevu;help;listing;create' {
            break
        }
        'treevu;help;listing;remove' {
            break
        }
        'treevu;help;crosslist' {
            break
        }
        'treevu;help;leads' {
            break
        }
        'treevu;help;conversations' {
            break
        }
        'treevu;help;report' {
            break
        }
        'treevu;help;twins' {
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two listings as one item (detection missed them, or they are yours to say)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Unlink two listings that are not one item; detection will not link them again')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Show or set what a sync does when a twin sells: off, ask (print the commands) or auto')
            break
        }
        'treevu;help;twins;link' {
            break
        }
        'treevu;help;twins;unlink' {
            break
        }
        'treevu;help;twins;policy' {
            break
        }
        'treevu;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C')
            break
        }
        'treevu;help;sandbox;serve' {
            break
        }
        'treevu;help;demo' {
            break
        }
        'treevu;help;completions' {
            break
        }
        'treevu;help;generate-docs' {
            break
        }
        'treevu;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
