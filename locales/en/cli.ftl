# --help: headings, then each command's description (cli-<command path>-about)
# and each option's help (cli-<command path>-arg-<option>; global options:
# cli-global-<option>). The English texts are the ones in the code; a test
# keeps them equal.

cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-global = Global options
cli-heading-commands = Commands
cli-flag-help = Print help
cli-flag-version = Print version
cli-help-about = Print this message or the help of the given subcommand(s)
cli-help-arg-command = The command whose help to print
cli-spec-env = [env: { $name }]
cli-spec-default = [default: { $value }]
cli-spec-values = [possible values: { $values }]
help-group-accounts = Accounts
help-group-sync = Sync
help-group-prices-and-market = Prices and market
help-group-listings = Listings
help-group-setup = Setup
help-group-other = Other commands

cli-about = Sync, price and sell homes and cars on Peru's marketplaces (OLX, Inmuebles24, Autofact)
cli-global-db = SQLite database file [default: <data dir>/profiles/<profile>/treevu.db]
cli-global-database_url = PostgreSQL store instead of the SQLite file: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the profile is the merchant)
cli-global-config = Config file [default: $XDG_CONFIG_HOME/treevu/config.toml]
cli-global-profile = Merchant profile: keeps each merchant's accounts, secrets and data apart
cli-global-json = Print data as one JSON document (same as --format json)
cli-global-format = Output format for data on stdout
cli-global-quiet = Only errors and warnings on stderr
cli-global-verbose = More detail on stderr (each request: method, path, status, time)
cli-global-no_color = No colour (also with NO_COLOR set)
cli-global-lang = Language of what people read [default: TREEVU_LANG, the config file's lang, then the locale]
cli-global-exact_cells = CSV/TSV: write text exactly, even cells a spreadsheet would run as a formula (by default a cell starting with = + - @ gets a leading ')
cli-connect-about = Connect a marketplace account: sign in (OLX, Inmuebles24) or give the API key (Autofact)
cli-connect-arg-marketplace = olx, inmuebles24 or autofact
cli-connect-arg-no_browser = Do not open a browser; print the address to open elsewhere (also implied over SSH or with no display)
cli-connect-arg-port = Port of the local callback server on 127.0.0.1 [default: any free port]
cli-connect-arg-timeout = Seconds to wait for the browser
cli-connect-arg-api_key_stdin = Autofact: read the API key from the first line of stdin instead of a hidden prompt
cli-auth-about = Connected accounts: status, current token for scripts, logout
cli-auth-status-about = Which accounts are connected, from where, and whether any needs you (exit 1 if so)
cli-auth-token-about = Print the current access token (or Autofact key) for scripts, refreshing it if due
cli-auth-token-arg-marketplace = olx, inmuebles24 or autofact
cli-auth-logout-about = Forget the saved secret; revoke it at the marketplace where its API allows
cli-auth-logout-arg-marketplace = olx, inmuebles24 or autofact
cli-auth-llm-key-about = Save the API key of the LLM behind 'recommend --explain' in the secret store
cli-auth-llm-key-arg-stdin = Read the key from the first line of stdin instead of a hidden prompt
cli-auth-llm-key-arg-delete = Forget the saved key instead
cli-auth-client-secret-about = Save the app's OAuth client secret (servers that want a confidential client) in the secret store
cli-auth-client-secret-arg-marketplace = olx or inmuebles24
cli-auth-client-secret-arg-stdin = Read the secret from the first line of stdin instead of a hidden prompt
cli-auth-client-secret-arg-delete = Forget the saved secret instead (treevu is a public client again)
cli-profiles-about = List merchant profiles and where their data lives
cli-merchants-about = Merchants of a PostgreSQL store (--database-url): list, add, remove
cli-merchants-list-about = Every merchant: accounts, last sync, created
cli-merchants-add-about = Add a merchant (a name as for profiles: letters, digits, - and _)
cli-merchants-add-arg-name = The merchant's name
cli-merchants-remove-about = Delete a merchant and all of its data, after confirmation
cli-merchants-remove-arg-name = The merchant's name
cli-merchants-remove-arg-yes = Do not ask for confirmation
cli-operator-about = The operator of a PostgreSQL store (--database-url): every account's status, rotating the key of the stored secrets
cli-operator-status-about = Every account of every merchant: due, running, waiting, failing or needing a reconnect; last run, last error, budget used this hour
cli-operator-rotate-key-about = Re-encrypt every merchant's secrets under a new operator key, in one transaction
cli-operator-rotate-key-arg-new_key_file = The new key: a file (mode 600) holding 32 random bytes in base64
cli-sync-about = Pull listings, stats, leads and conversations into the local store
cli-sync-arg-marketplaces = Marketplaces to sync (default with --all: every connected account)
cli-sync-arg-all = Every connected account
cli-sync-arg-full = Ignore the incremental cursor: pull everything and mark what vanished as removed
cli-sync-arg-due = Only accounts whose sync interval has passed (for cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)
cli-sync-arg-all_profiles = Every merchant profile in turn, each within its own budgets
cli-sync-arg-wait = If another treevu is syncing the same account, wait for it instead of exiting with code 5
cli-sync-arg-max_wait = Longest wait for the hourly rate window to reset before stopping with a checkpoint
cli-sync-arg-concurrency = Pages fetched at once
cli-sync-status-about = Per account: the last run, its outcome and counts, the budget left and when the next run is due
cli-schedule-about = Print the crontab line or systemd units that run 'treevu sync --due'
cli-schedule-arg-cron = A crontab line (the default)
cli-schedule-arg-systemd = A systemd user service and timer
cli-schedule-arg-every = Minutes between checks; each account still syncs only when its interval has passed
cli-watch-about = Stay in the foreground and sync each account when it is due
cli-watch-arg-check_every = Seconds between checks for accounts that are due
cli-worker-about = Sync the due accounts of every merchant of a PostgreSQL store (--database-url), with other workers
cli-worker-arg-concurrency = Accounts synced at once
cli-worker-arg-once = Sync what is due now and exit (non-zero if an account failed)
cli-worker-arg-lease_seconds = How long a claimed account stays this worker's without a renewal
cli-recommend-about = The price to ask for synced listings: recommended price, range, confidence and why
cli-recommend-arg-listings = Listing ids from 'treevu listings' (e.g. olx:123); '-' reads them from stdin
cli-recommend-arg-apply = Send the recommended price to the marketplace (shows old → new and asks first)
cli-recommend-arg-yes = With --apply: do not ask for confirmation
cli-recommend-arg-dry_run = With --apply: show the request that would be sent and send nothing
cli-recommend-arg-force = With --apply: send a price that changes more than apply.max_change (20%) or whose confidence is below apply.min_confidence (40%)
cli-recommend-arg-all_twins = With --apply: send the price to each twin on the other marketplaces too, in its own currency at pricing.pen_per_usd
cli-recommend-arg-explain = Ask the configured LLM (TREEVU_LLM_URL, TREEVU_LLM_MODEL) to explain each price in the language of the run; treevu's numbers stand
cli-estimate-about = Price homes and cars that are not listed yet, against the market pool
cli-estimate-arg-kind = What to price (with --input, recognised from the file's columns when not given)
cli-estimate-arg-input = A CSV of items (columns as in docs/pricing.md; a price column is ignored); one result per row, in order
cli-estimate-arg-id = Id shown in the result
cli-estimate-arg-operation = sale or rent
cli-estimate-arg-property_type = apartment, house, land or commercial
cli-estimate-arg-area = Total area in m²
cli-estimate-arg-mileage = Odometer in km
cli-estimate-arg-condition = excellent, good, fair or poor
cli-estimate-arg-title = Listing title (words such as "estreno" or "vista al mar" count)
cli-estimate-arg-currency = Currency to answer in (default: PEN for properties, USD for vehicles)
cli-market-about = Market comparables: import CSV files, analyze a listing against its market
cli-market-import-about = Load market comparables from a CSV file (idempotent by id: a re-import updates)
cli-market-import-arg-kind = What the file holds (recognised from its columns when not given)
cli-market-import-arg-file = The CSV file (`-` for stdin); columns as in docs/pricing.md
cli-market-analyze-about = Compare a synced listing with its market: median and mean price, price per m², position, trend, comparables
cli-market-analyze-arg-listing = A synced property listing (e.g. inmuebles24:I24-12)
cli-market-facts-about = Regenerate the built-in market figures (aggregates, never rows) from market files
cli-market-facts-arg-properties = Homes file (columns of lima-properties.csv)
cli-market-facts-arg-vehicles = Cars file (columns of vehicles.csv): Lima rows give the levels, others only the age curve
cli-market-facts-arg-out = Write the table here (default: stdout); crates/pricing/src/lima_facts.json is the one compiled in
cli-valuation-about = A car's value computed locally, with each factor's contribution
cli-valuation-arg-vehicles = Synced vehicle listings (e.g. autofact:AF-12); '-' reads them from stdin
cli-readiness-about = Buyer Readiness Score (0-100, hot/warm/cold) of synced listings
cli-readiness-arg-listings = Listing ids (default: every listing on the market); '-' reads them from stdin
cli-forecast-about = Expected contacts and time to sale of synced listings
cli-forecast-arg-listings = Listing ids (e.g. olx:123); '-' reads them from stdin
cli-backtest-about = Measure treevu's pricing accuracy on the pool (k-fold) or a labelled file
cli-backtest-arg-kind = Which pool to test
cli-backtest-arg-input = A labelled CSV (with prices) to price against the pool, instead of k-fold over the pool
cli-backtest-arg-folds = Folds of the cross-validation over the pool
cli-listings-about = Show the listings stored locally (from 'treevu sync')
cli-listings-arg-marketplace = Only this marketplace
cli-listings-arg-status = Only listings with this status (active, sold, rented, removed)
cli-listings-arg-all = Include listings no longer found at the marketplace
cli-listing-about = Change, publish or take down a listing at its marketplace
cli-listing-update-about = Change a listing's price, title, description or status at its marketplace (PUT)
cli-listing-update-arg-listing = The listing, as <marketplace>:<id> (see 'treevu listings'); '-' reads it from stdin
cli-listing-update-arg-price = New price in the listing's currency, e.g. 285000 or 285,000.50
cli-listing-update-arg-title = New title (5 to 255 characters)
cli-listing-update-arg-description = New description (OLX and Inmuebles24)
cli-listing-update-arg-status = New status
cli-listing-update-arg-yes = Do not ask for confirmation
cli-listing-update-arg-dry_run = Print the request that would be sent (method, path, body) and send nothing
cli-listing-update-arg-all_twins = With --price: the same price for each twin on the other marketplaces, in its own currency at pricing.pen_per_usd
cli-listing-update-arg-force = With --all-twins: send a twin's price even when it changes more than apply.max_change (20%)
cli-listing-create-about = Publish a new listing from a JSON file in the marketplace's shape (POST)
cli-listing-create-arg-marketplace = Where to publish
cli-listing-create-arg-from_file = The listing as JSON in the marketplace's shape (docs/cli.md); '-' reads stdin
cli-listing-create-arg-dry_run = Print the request that would be sent and send nothing
cli-listing-remove-about = Take a listing down (DELETE on OLX; status 'removed' on Inmuebles24 and Autofact)
cli-listing-remove-arg-listing = The listing, as <marketplace>:<id> (see 'treevu listings'); '-' reads it from stdin
cli-listing-remove-arg-yes = Do not ask for confirmation
cli-listing-remove-arg-dry_run = Print the request that would be sent and send nothing
cli-crosslist-about = Publish listings on other marketplaces (homes: Inmuebles24 <-> OLX; cars: Autofact <-> OLX), linked as twins
cli-crosslist-arg-listings = Listings to publish elsewhere, as <marketplace>:<id>; '-' reads them from stdin
cli-crosslist-arg-to = Where to publish them (homes: inmuebles24, olx; cars: autofact, olx); repeat for several
cli-crosslist-arg-set = A field the target needs and the source lacks, or a value to use instead (e.g. address="Av. Larco 1150")
cli-crosslist-arg-dry_run = Print the requests that would be sent and send nothing
cli-crosslist-arg-yes = Do not ask for confirmation
cli-leads-about = Inmuebles24 leads: who asked about your properties
cli-leads-arg-listings = Only leads of these Inmuebles24 listings (inmuebles24:<id>); '-' reads ids from stdin
cli-leads-arg-offline = Show only what is stored; do not fetch fresh leads for the listings given
cli-conversations-about = OLX conversations: buyers' chats about your listings
cli-conversations-arg-listings = Only conversations about these OLX listings (olx:<id>); '-' reads ids from stdin
cli-conversations-arg-unread = Only conversations with unread messages
cli-report-about = Your portfolio at a glance, ranked by what needs doing (--html for a file with charts)
cli-report-arg-html = Also write the report as one self-contained HTML file with charts
cli-report-arg-limit = Rows of the ranking shown on the terminal (JSON and HTML hold more)
cli-twins-about = Items listed on more than one marketplace: groups, evidence, links, delist policy, stats
cli-twins-arg-stats = Compare each item's views, contacts (leads) and favorites per day across its marketplaces
cli-twins-link-about = Link two listings as one item (detection missed them, or they are yours to say)
cli-twins-link-arg-a = One listing, as <marketplace>:<id> (see 'treevu listings')
cli-twins-link-arg-b = Its twin on another marketplace
cli-twins-unlink-about = Unlink two listings that are not one item; detection will not link them again
cli-twins-unlink-arg-a = One listing, as <marketplace>:<id>
cli-twins-unlink-arg-b = The listing it was linked to
cli-twins-policy-about = Show or set what a sync does when a twin sells: off, ask (print the commands) or auto
cli-twins-policy-arg-policy = off: nothing; ask: print the commands that take the other twins down; auto: take them down
cli-sandbox-about = Run the built-in marketplace sandbox (the three APIs on loopback)
cli-sandbox-serve-about = Serve OLX, Inmuebles24 and Autofact on 127.0.0.1 until Ctrl-C
cli-sandbox-serve-arg-port = Port on 127.0.0.1 (0: any free port)
cli-sandbox-serve-arg-seed = Seed of the generated data: the same seed serves the same records byte for byte
cli-sandbox-serve-arg-listings = The demo merchant's listings per marketplace
cli-sandbox-serve-arg-market = Other sellers' listings behind the market endpoints
cli-sandbox-serve-arg-latency_ms = Delay added to every marketplace answer, in milliseconds
cli-sandbox-serve-arg-error_rate = Share of API answers that fail with 500/502/503 (0 to 1)
cli-sandbox-serve-arg-malformed_rate = Share of the merchant's records served breaking the spec's validation (0 to 1)
cli-sandbox-serve-arg-rate_limit = Requests per window and account, for all three marketplaces [default: the spec's hourly limits]
cli-sandbox-serve-arg-rate_window_secs = Length of a rate-limit window in seconds [default: 3600]
cli-sandbox-serve-arg-auto_approve = Approve OAuth authorizations at once, without the consent page
cli-sandbox-serve-arg-churn = Move the market between calls: engagement, prices, sales, removals, new listings
cli-sandbox-serve-arg-token_ttl_secs = Lifetime of access tokens, in seconds
cli-sandbox-serve-arg-live_dates = Date the generated listings as of now instead of a fixed day (a live-looking market; the same seed then gives the same data only on the same day)
cli-sandbox-serve-arg-client_auth = How the OAuth token endpoints authenticate the app: public (PKCE only), or a confidential client by HTTP Basic or by the secret in the form, as production servers do
cli-demo-about = Try treevu end to end against the built-in sandbox: connect, sync, prices, analysis
cli-demo-arg-keep = Keep the demo's data directory (its database) instead of removing it at exit
cli-demo-arg-listings = The demo merchant's listings per marketplace
cli-completions-about = Print a shell completion script (bash, zsh, fish, powershell, elvish)
cli-completions-arg-shell = The shell to complete for

man-section-name = NAME
man-section-synopsis = SYNOPSIS
man-section-description = DESCRIPTION
man-section-options = OPTIONS
man-section-subcommands = SUBCOMMANDS
man-section-version = VERSION
man-section-authors = AUTHORS
man-section-extra = EXTRA

# connect: the sign-in's status lines.
connect-open-address = To connect { $marketplace }, open this address in a browser:
connect-browser-opened = Opened your browser.
connect-browser-skipped = Not opening a browser ({ $why }).
connect-browser-failed = note: could not open a browser ({ $error }); open the address yourself.
connect-waiting = Waiting up to { $seconds } s for the approval.{ $paste ->
        [yes] {" "}If the browser is on another machine, paste here the address it was sent to (it starts with http://127.0.0.1) and press Enter.
       *[no] {""}
    }
connect-ignored-path = ignored a request for { $path }
connect-forged-callback = ignored a callback whose state does not match this sign-in; still waiting
connect-paste-refused = { $why }; still waiting
connect-paste-closed = stdin closed; waiting for the browser callback only
connect-approval = Approval received from { $via ->
        [paste] the pasted address
       *[browser] the browser
    }; finishing…
connect-checking-key = Checking the key with Autofact…
connect-connected = Connected { $marketplace } as { $who ->
        [named] { $name } (user { $user })
        [user] user { $user }
       *[key] your API key
    }. Secret saved in the { $store } store ({ $secret_ref }).
connect-env-wins = { $variable } is set and wins over the saved secret until you unset it

# treevu merchants (PostgreSQL only)
merchants-needs-postgres = 'treevu merchants' needs the PostgreSQL store: pass --database-url or set TREEVU_DATABASE_URL. With a SQLite file each merchant is a profile: see 'treevu profiles'
merchants-none = No merchants yet; add one with 'treevu merchants add NAME'.
merchants-exists = a merchant named { $name } already exists
merchants-unknown = there is no merchant named { $name }; see 'treevu merchants list'
merchants-added = Merchant { $name } added.
merchants-remove-question = Delete merchant { $name } and all of its data?
merchants-remove-needs-yes = not deleting merchant { $name } without confirmation, and stdin is not a terminal to ask on; pass --yes to confirm
merchants-remove-cancelled = Cancelled; nothing was deleted.
merchants-removed = Merchant { $name } removed ({ $rows } rows).

# treevu operator (PostgreSQL only)
operator-needs-postgres = 'treevu operator' needs the PostgreSQL store: pass --database-url or set TREEVU_DATABASE_URL. A SQLite profile keeps its secrets in the OS keyring or secrets.enc
operator-status-needs-postgres = 'treevu operator status' needs the PostgreSQL store: pass --database-url or set TREEVU_DATABASE_URL. A SQLite profile is one merchant: see 'treevu sync status' and 'treevu auth status' for its accounts
operator-status-none = No accounts yet: add a merchant with 'treevu merchants add NAME', then 'treevu --profile NAME connect MARKETPLACE'.
operator-state-due = due
operator-state-running = running
operator-state-waiting = waiting
operator-state-failing = failing
operator-state-needs-reconnect = needs reconnect
operator-rotated = Re-encrypted { $resealed } { $resealed ->
        [one] secret
       *[other] secrets
    } under the new operator key ({ $already } already under it).
operator-rotated-next = The old key no longer opens them: point TREEVU_OPERATOR_KEY_FILE or TREEVU_OPERATOR_KEY_COMMAND at the new key everywhere treevu runs, then retire the old one.

# treevu worker (PostgreSQL only)
worker-needs-postgres = 'treevu worker' needs the PostgreSQL store: pass --database-url or set TREEVU_DATABASE_URL. With a SQLite file use 'treevu watch' or 'treevu sync --due'
worker-claimed = { $merchant }: { $marketplace }: syncing
worker-synced = { $merchant }: { $marketplace }: { $outcome }, { $new } new
worker-failed = { $merchant }: { $marketplace }: { $error }
worker-nothing-due = nothing is due
worker-stopped = stopped; the leases held are released
worker-interrupted = { $merchant }: { $marketplace }: stopped after { $fetched } listings stored; due again at once, continuing from its checkpoint
worker-leases-lost = { $count ->
    [one] one account's lease had expired and was taken by another worker before its run ended
   *[other] { $count } accounts' leases had expired and were taken by other workers before their runs ended
}

# The command line refused while parsing (clap's errors, worded here).
parse-tip = tip:
parse-more = For more information, try '{ $flag }'.
parse-unknown-argument = unexpected argument '{ $arg }' found
parse-unknown-subcommand = unrecognized subcommand '{ $arg }'
parse-invalid-value = invalid value '{ $value }' for '{ $arg }'
parse-value-missing = a value is required for '{ $arg }' but none was supplied
parse-possible-values = [possible values: { $values }]
parse-subcommands = [subcommands: { $values }]
parse-value-refused = invalid value '{ $value }' for '{ $arg }': { $why }
parse-no-equals = equal sign is needed when assigning values to '{ $arg }'
parse-used-twice = the argument '{ $arg }' cannot be used multiple times
parse-conflict = the argument '{ $arg }' cannot be used with { $others }
parse-conflict-others = one or more of the other specified arguments
parse-missing-required = the following required arguments were not provided:
parse-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
parse-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
parse-too-few-values = { $min } values required by '{ $arg }'; only { $actual ->
    [one] { $actual } was provided
   *[other] { $actual } were provided
}
parse-wrong-number = { $expected } values required for '{ $arg }' but { $actual ->
    [one] { $actual } was provided
   *[other] { $actual } were provided
}
parse-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
parse-similar-subcommand = { $count ->
    [one] a similar subcommand exists: { $names }
   *[other] some similar subcommands exist: { $names }
}
parse-similar-argument = { $count ->
    [one] a similar argument exists: { $names }
   *[other] some similar arguments exist: { $names }
}
parse-similar-value = { $count ->
    [one] a similar value exists: { $names }
   *[other] some similar values exist: { $names }
}
parse-as-value = to pass '{ $arg }' as a value, use '{ $fix }'
parse-remove-dashes = subcommand '{ $command }' exists; to use it, remove the '--' before it
parse-flag-exists = '{ $flag }' exists
parse-why-between = { $value } is not between { $low } and { $high }
parse-why-at-least = { $value } is less than { $low }
parse-why-at-most = { $value } is more than { $high }
parse-why-not-integer = '{ $value }' is not a whole number
parse-why-too-large = { $value } is too large
parse-why-not-number = '{ $value }' is not a number
parse-why-share = '{ $value }' is not a share from 0 to 1 (e.g. 0.2)
parse-why-policy = expected off, ask or auto
parse-why-marketplace = expected olx, inmuebles24 or autofact
