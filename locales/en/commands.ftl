# Status lines of the commands that change things at a marketplace
# (recommend --apply, listing, crosslist), of sync over profiles, the demo,
# estimate and schedule.

cancelled-nothing-sent = cancelled; nothing was sent
dry-run-nothing-sent = dry run: nothing was sent (drop --dry-run to send it)

apply-twin-label = { $listing } (twin of { $of })
apply-already-recommended = { $label }: already at the recommended price { $price }
apply-plan = { $label } ({ $title }): price { $from } → { $to }
apply-ask = Send the new price to { $name }?
apply-accepted = { $label }: { $name } accepted { $price }
apply-already-there = { $label }: already at { $price } (sent a moment ago); nothing was sent
apply-warning = { $label }: { $words }

listing-update-title = { $listing } ({ $title })
listing-update-price = {"  "}price:  { $from } → { $to }
listing-update-new-title = {"  "}title:  { $from } → { $to }
listing-update-description = {"  "}description: replaced
listing-update-status = {"  "}status: { $from } → { $to }
listing-twin-already = {"  "}twin { $twin }: already at { $price }
listing-twin-plan = {"  "}twin { $twin }: price { $from } → { $to }
listing-update-ask = Send this change to { $name }?
listing-update-ask-twins = Send these prices to { $count } listings?
listing-updated = { $listing } updated at { $name }
listing-twin-updated = twin { $twin } updated at { $name }: { $price }
listing-twin-warning = twin { $twin }: { $words }
listing-created = created { $listing } at { $name }
listing-remove-plan = { $listing } ({ $title }) will be taken down
listing-remove-delete = {"  "}{ $name }: DELETE { $path }
listing-remove-put = {"  "}{ $name } has no DELETE: PUT { $path } with status 'removed'
listing-remove-ask = Take { $listing } down at { $name }?
listing-removed = { $listing } removed at { $name }
# One wording for any count: scripts and tests read "<ids> stay listed".
listing-remove-twins-stay = { $count ->
       *[other] its twin(s) { $twins } stay listed; take them down too with 'treevu listing remove <id>'
    }

crosslist-set-ignored = --set { $fields } is not a field of { $targets }; it is ignored
crosslist-plan = { $listing } → { $name }: { $title } ({ $price })
crosslist-nothing-to-publish = nothing to publish: every listing is there already
crosslist-ask = { $count ->
        [one] Publish { $count } listing?
       *[other] Publish { $count } listings?
    }
crosslist-now-on = { $listing } is now on { $name } as { $id }
crosslist-failed = { $listing } → { $name }: { $why }
crosslist-stopped = stopped: { $why }

sync-profile = profile { $profile }:
sync-profile-failed = profile { $profile }: { $error }

demo-market-data-failed = market data for { $id }: { $error }

estimate-facts-unreadable = TREEVU_MARKET_FACTS={ $path }: { $error }; using the built-in figures
estimate-no-comparables = no { $kind } comparables in the pool yet: priced from the built-in Lima figures of { $asof } alone (no local comparables), with wider ranges; 'treevu sync' or 'treevu market import --kind { $kind } FILE.csv' adds them
estimate-few-comparables = only { $count } { $kind } comparables in the pool: the built-in Lima figures of { $asof } carry the items the pool has little evidence for (they say so), with wider ranges

schedule-crontab-hint = add it with 'crontab -e'; failures exit non-zero and run the configured notify command or webhook

delists-step-failed = twins: the delist step failed ({ $error }); the next sync tries again
delists-taken-down = { $listing } taken down ({ $method ->
        [delete] DELETE
       *[status] status removed
    }): its twin { $twin } was { $status }
delists-proposed = { $listing } is still listed but its twin { $twin } was { $status }; to take it down: { $command }
delists-nothing = { $listing }: nothing to take down ({ $note })
delists-failed = could not take { $listing } down (its twin { $twin } was { $status }): { $error }; the next sync tries again
delists-conflict = conflict: { $listings } all sold or rented: the item went more than once; nothing was taken down (see 'treevu twins')

auth-forgot-client-secret = Forgot the { $name } client secret ({ $reference }).
auth-no-client-secret = No { $name } client secret was saved; nothing to forget.
auth-client-secret-prompt = { $name } client secret (input hidden):{" "}
auth-saved-client-secret = Saved the { $name } client secret in the { $store } store ({ $reference }); treevu authenticates with { $method }.
auth-forgot-llm-key = Forgot the LLM key ({ $reference }).
auth-no-llm-key = No LLM key was saved; nothing to forget.
auth-llm-key-prompt = LLM API key (input hidden):{" "}
auth-saved-llm-key = Saved the LLM key in the { $store } store ({ $reference }).
auth-env-wins = { $var } is set and wins over the saved key until you unset it
auth-llm-configure = To use it, set TREEVU_LLM_URL and TREEVU_LLM_MODEL (or [llm] url/model in config.toml).
auth-status-problem = { $marketplace }: { $problem }
auth-status-reconnect = { $marketplace }: needs you to reconnect; run 'treevu connect { $marketplace }'
auth-revoked = Revoked treevu's access at { $name }.
auth-revoke-unsupported = { $name } has no way for treevu to revoke access; it ends when the token expires, or remove treevu in your { $name } account settings.
auth-revoke-failed = could not revoke at { $name } ({ $error }); the secret is forgotten here, but remove treevu in your { $name } account settings to be sure
auth-forgot-account = Forgot the saved { $name } secret and account.
auth-not-connected = { $name } was not connected; nothing to forget.
auth-env-still-set = { $var } is still set in your environment and keeps working until you unset it

twins-found = { $count ->
        [one] found { $count } new twin pair
       *[other] found { $count } new twin pair(s)
    }
twins-none = no twins yet: sync two marketplaces ('treevu sync --all'), link two listings ('treevu twins link A B') or publish one on another marketplace ('treevu crosslist')
twins-open-delist = item { $item }: { $listing }: { $detail }
twins-linked = linked { $a } and { $b } as one item
twins-already-linked = { $a } and { $b } were already linked; now by your word
twins-unlinked = unlinked { $a } and { $b }; a sale of one no longer takes the other down
twins-policy-set = profile { $profile }: delist policy is now { $policy }

crosslist-in-flight = { $listing } was sent to { $name } at { $at } without an answer; run 'treevu sync { $marketplace }' first, so treevu sees whether it arrived, then crosslist again
crosslist-nothing-sent = nothing was sent: { $count } item(s) cannot be crosslisted as asked (above)

# Usage mistakes found after parsing (exit 2) and the confirmation prompt.
listing-cannot-read = cannot read { $path }: { $cause }
listing-not-json = { $path } is not JSON: { $cause }
listing-no-id-on-stdin = no listing id on stdin; give one like olx:123
listing-one-at-a-time = this command changes one listing at a time; stdin held { $count } ids
listing-nothing-to-change = say what to change: --price, --title, --description or --status
listing-bad-price = --price: { error-money }
# What a yes/no question ends with; the default (no) in capitals.
confirm-choices = [y/N]
confirm-no-terminal = not changing anything without confirmation, and stdin is not a terminal to ask on; pass --yes to confirm (or --dry-run to see the request)
secret-no-terminal = stdin is not a terminal: pass it with { $flag } (never on the command line)
secret-nothing-given = nothing given
auth-client-secret-not-oauth = { $name } uses an API key, not OAuth: there is no client secret (see 'treevu connect { $marketplace }')
connect-api-key-stdin-autofact-only = --api-key-stdin is for autofact; { $name } connects by signing in
connect-browser-flags-ignored = --no-browser and --port do not apply to Autofact (it uses an API key)
connect-api-key-prompt = Autofact API key (input hidden):{" "}
estimate-describe-property = describe the property with at least --district and --area (e.g. --district Miraflores --area 80 --bedrooms 2 --operation sale), or give --input FILE.csv
estimate-describe-vehicle = describe the vehicle with at least --brand, --model and --year (e.g. --brand Toyota --model Yaris --year 2019 --mileage 60000), or give --input FILE.csv
estimate-what-to-price = say what to price: --kind property or --kind vehicle, with its details or --input FILE.csv
conversations-olx-only = conversations come from OLX and '{ $listing }' is on { $name }; for Inmuebles24 see 'treevu leads'
leads-inmuebles24-only = leads come from Inmuebles24 and '{ $listing }' is on { $name }; for OLX buyers see 'treevu conversations'

# leads and conversations.
conversations-none = no conversations stored; run 'treevu sync olx' to fetch them
leads-none = no leads stored; run 'treevu sync inmuebles24' to fetch them
leads-fetch-failed = could not fetch fresh leads ({ $error }); showing stored ones
leads-fetched = { $count ->
        [one] { $count } new lead fetched
       *[other] { $count } new leads fetched
    }

# watch, sandbox serve, generate-docs, market facts and import, report.
watch-started = watching: each account syncs when it is due; Ctrl-C stops
watch-stopped = stopped
sandbox-ready = ready in { $ms } ms (seed { $seed }, { $listings } listings per marketplace, { $market } in the market); Ctrl-C stops
sandbox-stopped = sandbox stopped
generate-wrote = wrote { $count } files under { $path } (completions/, { $man }/)
market-facts-wrote = Wrote { $path } ({ $homes } homes, { $cars } Lima cars, { $months })
market-facts-cannot-write = cannot write the facts table to { $path }: { $cause }
market-import-not-fitted = the pricing model was not fitted now: { $error }
report-cannot-write = cannot write the HTML report to { $path }: { $cause }
# sync status: an account due at once.
when-now = now
# A yes/no cell of a table.
cell-yes = yes
cell-no = no

# --verbose: one line per request ($ms: milliseconds; $status: HTTP status or ---).
verbose-request = { $marketplace } { $method } { $path } { $status } { $ms } ms
verbose-sign-in = { $marketplace } { $method } { $path } { $status } { $ms } ms ({ auth-step }{ $has_form ->
        [yes] : { $form }
       *[no] {""}
    }{ $basic ->
        [yes] {" "}(client authenticated with HTTP Basic)
       *[no] {""}
    })
# The notice a failed scheduled sync sends its owner (a command or a webhook), and what sync status keeps of it.
notice-title = treevu: { $name } sync failed
notice-sync-failed = the sync failed
notice-sent = sent by { $by ->
        [command] command
        [webhook] webhook
       *[both] command and webhook
    }: { $title }
notice-not-sent = could not notify: { $error }
