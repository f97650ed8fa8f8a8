# Errors and what to do next (.hint). An error prints as "message; hint".

error-prefix = error:
warning-prefix = warning:

error-unknown-listing = no listing '{ $listing }' in the local store
    .hint = run 'treevu sync { $marketplace }' or see 'treevu listings'
error-not-connected = { $marketplace } is not connected
    .hint = run 'treevu connect { $marketplace }'
error-needs-reconnect = { $marketplace } needs you to reconnect: { $why }
    .hint = run 'treevu connect { $marketplace }'
error-already-syncing = another treevu process is already syncing { $marketplace } for this profile
    .hint = wait for it to finish (or use --wait)
error-api-unauthorized = { $marketplace } refused the credentials: { $message }
    .hint = run 'treevu connect { $marketplace }'
error-api-rate-limited = { $marketplace } rate limit reached
    .hint = retry in { $seconds } s
error-api-network = cannot reach { $marketplace }: { $message }
error-unknown-marketplace = unknown marketplace '{ $name }': expected olx, inmuebles24 or autofact
error-bad-listing-ref = '{ $text }' is not a listing id: write it as <marketplace>:<id>, e.g. olx:123 (see 'treevu listings')
error-wrong-kind-priced = { $listing } is a { $kind } listing ({ $category ->
        [none] no category
       *[other] { $category }
    })
    .hint = treevu prices homes and cars
error-wrong-kind-valuation = { $listing } is a { $kind } listing ({ $category ->
        [none] no category
       *[other] { $category }
    })
    .hint = a valuation is for cars; for a home use 'treevu market analyze' or 'treevu recommend'
error-wrong-kind-analysis = { $listing } is a { $kind } listing ({ $category ->
        [none] no category
       *[other] { $category }
    })
    .hint = market analysis compares homes; for a car use 'treevu valuation'
sync-none-connected = no marketplace account is connected in this profile
    .hint = run 'treevu connect olx' (or inmuebles24, autofact) first

# Configuration, import files, the database.
error-config-read = cannot read the config file { $path }: { $cause }
error-config-parse = the config file { $path } is not valid TOML: { $message }
    .hint = fix it or move it aside
error-config-invalid = { $setting } is not valid: { $why }
error-config-unknown-marketplace = unknown marketplace '{ $name }' in [{ $table }] of { $path }: expected olx, inmuebles24 or autofact
error-config-secret-in-file = { $path } holds a client_secret under [marketplaces.{ $marketplace }]: secrets never go in the config file. Delete that line and store the secret with 'treevu auth client-secret { $marketplace }' (it goes to the keyring)
error-config-no-home = no home directory: set HOME, or XDG_CONFIG_HOME and XDG_DATA_HOME
error-config-database-url = --database-url / TREEVU_DATABASE_URL: { $why }
error-config-two-stores = --db and --database-url name two stores: give one (--db is a SQLite file, --database-url a PostgreSQL server)
error-config-bad-profile = profile name '{ $name }' is not valid: use letters, digits, '-' and '_' (up to 64)
error-import-read = cannot read { $path }: { $cause }
error-import-empty = { $path } is empty: expected a header line and rows (see docs/pricing.md for the columns)
error-import-not-utf8 = { $path } is not UTF-8 text (first bad byte at offset { $offset })
    .hint = save it as UTF-8 and try again
error-import-wrong-kind = { $path } looks like a { $found } file (it has { $columns })
    .hint = use --kind { $found }
error-import-unknown-kind = cannot tell whether { $path } holds properties or vehicles from its columns
    .hint = add --kind property or --kind vehicle
error-import-missing-column = { $path } has no '{ $column }' column, which a { $kind } file needs (required: { $required })
error-import-malformed = { $path } line { $line }: { $message }
error-store-newer-schema = the database { $path } has schema version { $found }, newer than this treevu understands ({ $known })
    .hint = upgrade treevu, or point --db at another file
error-store-create-dir = cannot create the data directory { $path }: { $cause }
error-store-not-writable = cannot write the database { $path }: { $cause }

# Marketplaces, sign-in, the LLM.
error-api-not-found = { $marketplace } has no { $what }
error-api-invalid = invalid data for { $marketplace }{ $has_field ->
        [yes] {" "}(field '{ $field }')
       *[no] {""}
    }: { $message }
error-api-server = { $marketplace } answered { $status }: { $message }
error-api-credentials = cannot use the stored { $marketplace } credentials: { $message }
error-auth-timed-out = no answer from the browser within { $seconds } s; nothing was saved. Run the command again (use --timeout to wait longer)
error-auth-interrupted = interrupted; nothing was saved
error-auth-key-refused = { $marketplace } refused the API key: { $message }
    .hint = nothing was saved
error-llm-not-configured = no LLM is configured: set TREEVU_LLM_URL and TREEVU_LLM_MODEL (or [llm] url/model in config.toml) and store the key with 'treevu auth llm-key'
error-llm-bad-url = the LLM URL '{ $url }' is not valid: { $why }
error-llm-unauthorized = the LLM endpoint refused the key (HTTP { $status })
    .hint = store a valid one with 'treevu auth llm-key' or set TREEVU_LLM_API_KEY
error-llm-http = the LLM endpoint answered HTTP { $status }: { $message }
error-llm-timeout = the LLM endpoint did not answer within { $seconds } s
error-llm-transport = cannot reach the LLM endpoint: { $why }
error-llm-rejected = the LLM answer was rejected ({ $why })

# Write-back: why recommend --apply (or a twin's update) sent nothing.
error-refusal = { $kind ->
        [too-large] the change { $from } → { $to } is { $pct }% of the current price, more than the { $max }% allowed (apply.max_change); nothing was sent
        [low-confidence] the recommendation's confidence { $confidence }% is below the { $floor }% floor (apply.min_confidence); nothing was sent
        [stale-live-price] the price at { $name } is now { $live }, not { $synced } as last synced; nothing was sent
       *[changed-meanwhile] the stored price changed to { $stored } while the recommendation was made for { $expected } (another treevu changed it); nothing was sent
    }
    .hint = { $kind ->
        [too-large] check the recommendation, then use --force to send it anyway
        [low-confidence] check its range, then use --force to send it anyway
        [stale-live-price] run 'treevu sync { $marketplace }' and ask for a new recommendation
       *[changed-meanwhile] ask for a new recommendation
    }
error-refused = { $listing }: { error-refusal }
    .hint = { error-refusal.hint }
error-twin-refused = twin { $twin }: { error-refusal }
    .hint = { error-refusal.hint }
# An amount that is not one ($kind: not-finite, too-large, unparseable).
error-money = { $kind ->
        [not-finite] amount { $amount } is not a finite number
        [too-large] amount { $amount } is too large to store
       *[unparseable] '{ $amount }' is not an amount; write it like 1234.50
    }
error-lock-file = cannot use the lock file { $path }: { $cause }
error-writeback-mirror = { $marketplace } accepted the change but its answer could not be stored ({ $message })
    .hint = run 'treevu sync { $marketplace }'

# The secret store (keyring or encrypted file).
error-secret-keyring-unavailable = the OS keyring is not usable: { $cause ->
        [no-session-bus] there is no D-Bus session bus (typical over SSH, in containers and cron)
        [no-secret-service] the session bus has no Secret Service (no gnome-keyring or KeePassXC running)
        [locked] the keyring is locked or has no login collection
        [timed-out] the keyring did not answer in time
       *[other] the keyring refused the request
    }; { $detail }. Either start and unlock a keyring (e.g. `printf %s "$PASS" | gnome-keyring-daemon --unlock --components=secrets` inside a D-Bus session), or opt in to the encrypted file store: TREEVU_SECRET_STORE=file plus TREEVU_FILE_KEY (32 bytes, base64) or TREEVU_FILE_PASSPHRASE
error-secret-timeout = the secret store did not answer within { $seconds } s
error-secret-wrong-file-key = cannot decrypt { $path }: wrong TREEVU_FILE_KEY or TREEVU_FILE_PASSPHRASE (or the file is damaged); nothing was changed
error-secret-file-key = the encrypted file store needs a key: { $why }
error-secret-bad-file = { $path } is not a treevu secrets file ({ $why }); nothing was changed
error-secret-unknown-store = TREEVU_SECRET_STORE={ $value } is not valid: use 'keyring' (the default) or 'file'
error-secret-probe-mismatch = the secret store answered but the probe read back wrong; it cannot be trusted
error-secret-damaged = the stored secret for { $what } is damaged
    .hint = run 'treevu connect { $marketplace }' again
error-secret-operator-key-missing = the PostgreSQL store keeps secrets encrypted under an operator key, and none is set
    .hint = set TREEVU_OPERATOR_KEY_FILE to a file holding it (32 random bytes in base64, e.g. `head -c32 /dev/urandom | base64 > operator.key && chmod 600 operator.key`) or TREEVU_OPERATOR_KEY_COMMAND to a command that prints it
error-secret-operator-key = cannot use the operator key from { $origin }: { $why }
error-secret-wrong-operator-key = the operator key from { $origin } does not match the one these secrets were stored under (key id { $key_id }); nothing was changed
    .hint = point TREEVU_OPERATOR_KEY_FILE or TREEVU_OPERATOR_KEY_COMMAND at that key (after 'treevu operator rotate-key', the new one)

# A marketplace's sign-in server: the step, then what went wrong.
auth-step = { $step ->
        [token-exchange] token exchange
        [account-lookup] account lookup
        [token-refresh] token refresh
        [revocation] revocation
        [key-check] API key check
       *[sandbox-credentials] sandbox credentials
    }
error-auth-oauth = { $name } { auth-step } at { $host } was refused: { $error }{ $detail }{ $error ->
        [invalid_client] . The server did not accept the app's credentials: check client_id under [marketplaces.{ $marketplace }], store the app's client secret with 'treevu auth client-secret { $marketplace }', and set token_endpoint_auth_method (client_secret_basic or client_secret_post) to what the server asks for
       *[other] {""}
    }
error-auth-unreachable = { $name } { auth-step } failed: { $cause }
error-auth-answered = { $name } { auth-step } at { $host } answered HTTP { $status }: { $message }

error-store-open = cannot open the database { $path }: { $cause }
error-store-sql = database error: { $cause }
error-store-postgres = PostgreSQL at { $location }: { $cause }
error-store-newer-server-schema = the database at { $location } has schema version { $found }, newer than this treevu understands ({ $known }); upgrade treevu, or point --database-url at another database
error-store-unknown-merchant = there is no merchant named { $name } in the database at { $location }; add it with 'treevu merchants add { $name }' (or check --profile / TREEVU_PROFILE)
error-secret-io = cannot { $action ->
        [create-dir] create the directory of
        [encrypt] encrypt
        [start-thread] start a thread for
        [lock] lock
        [open-lock] open the lock of
        [read] read
       *[write] write
    } { $path }: { $message }
error-auth-missing-client-id = no OAuth client id for { $name }: set `client_id` under [marketplaces.{ $key }] in { $config }, or { $env }_CLIENT_ID
error-auth-bind = cannot listen on 127.0.0.1:{ $port } for the sign-in callback: { $message }. Run again without --port (a free port is chosen) or with another --port; on a machine without a browser, run with --no-browser and paste the address your browser is sent to
error-auth-provider = the marketplace did not authorize treevu: { $error }{ $detail }{ $scope ->
        [yes] . Set `scope` under [marketplaces.<name>] in the config file (or TREEVU_<NAME>_SCOPE) to scopes the server grants
       *[no] {""}
    }

error-twins-same-marketplace = { $a } and { $b } are on the same marketplace; twins are one item on different marketplaces
error-twins-kind-mismatch = { $a } is a { $akind } and { $b } a { $bkind }: a home and a car cannot be one item
error-twins-not-linked = { $a } and { $b } are not linked as twins (see 'treevu twins')
error-crosslist-not-active = { $listing } is { $status }; only listings still on sale (or for rent) are crosslisted
error-crosslist-same-marketplace = { $listing } is already on { $name }; choose another marketplace with --to
error-crosslist-unsupported = { $name } does not take { $what ->
        [homes] homes
        [cars] cars
       *[other] this kind of listing
    } ({ $listing } is one); homes go between Inmuebles24 and OLX, cars between Autofact and OLX
error-crosslist-missing-field = { $name } needs { $field }, which { $listing } does not have; give it with --set { $key }={ $example }
error-crosslist-invalid = { $listing } cannot go to { $name }: { $cause }; fix it at the source or override it with --set
error-notify-command = the notify command could not run: { $cause }
error-notify-command-status = the notify command exited with { $status }
error-notify-webhook = the notify webhook could not be reached: { $cause }
