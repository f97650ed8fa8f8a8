# Words used across commands.

band-hot = hot
band-warm = warm
band-cold = cold

card-asking = Asking
card-asking-vs = { $percent } against the recommendation
card-recommended = Recommended
card-market = Market estimate
card-range = Range (80%)
card-confidence = Confidence
card-buyers = Buyers
card-buyers-value = { $band } · { $score }/100
card-comparables = Comparables
card-comparables-value = { $count } · { $level }
card-method = Method
card-why = Why
card-notes = Notes
card-llm = LLM
card-estimated = Estimated value
card-factors = Factors
card-score = Score
card-views = Views/day
card-contact-rate = Contact rate
card-favorites = Favorites
card-recency = Recency
card-freshness = Freshness
card-median-days = Median days to sale
card-range-days = 80% range
card-contacts-7d = Contacts in 7 days
card-contacts-30d = Contacts in 30 days
card-price-position = Price vs market
factor-base = base
factor-brand = brand
factor-model = model
factor-year = year
factor-mileage = mileage
factor-condition = condition
factor-other = other
factor-estimated = = estimated value
factor-range-min = range min
factor-range-max = range max

market-median = Market price (median)
market-mean = Market price (mean)
market-per-m2 = Price per m² (market)
market-position = Position
market-position-value = { $position } · { $amount } ({ $percent })
position-above = above the market
position-below = below the market
position-at = at the market
market-trend = Trend
market-trend-estimate = { $percent } per month (± { $error }, { $count ->
        [one] { $count } listing
       *[other] { $count } listings
    })
market-trend-insufficient = insufficient data
card-comparables-count = { $count ->
        [one] { $count } comparable
       *[other] { $count } comparables
    }
status-no-listings-sync = no listings stored yet; run 'treevu sync --all'
forecast-days = { $days } days
forecast-days-range = { $low }–{ $high } days
forecast-contacts = { $expected } ({ $low }–{ $high })

sync-which-accounts = say which accounts to sync: 'treevu sync olx', 'treevu sync --all', or 'treevu sync --due' (see 'treevu auth status')
sync-nothing-due = nothing is due; 'treevu sync status' shows when each account is next due
sync-pool = { $marketplace }: market pool { $new } new, { $updated } updated, { $removed } taken out, { $rejected } rejected
sync-pool-not-refreshed = the market pool was not brought up to date with your listings: { $error }
sync-models-not-fitted = the pricing models were not fitted now: { $error }
sync-owner-notified = { $marketplace }: owner notified
outcome-running = running
outcome-ok = ok
outcome-partial = partial
outcome-failed = failed
outcome-interrupted = interrupted

status-no-listings-connect = no listings stored yet; run 'treevu sync --all' after 'treevu connect <marketplace>'
report-html-written = Wrote the HTML report to { $path }
report-no-suggestions = no price suggestions for { $kind } listings: { $error }
report-intro = { $count ->
        [one] { $count } listing on the market
       *[other] { $count } listings on the market
    }, { $urgent } need something done; most urgent first:
report-more = { $count ->
        [one] { $count } more listing not shown; use --limit, --json or --html
       *[other] { $count } more listings not shown; use --limit, --json or --html
    }
report-buyers = Buyers since the last sync: { $leads } new lead(s), { $chats } conversation(s) waiting
report-what-lead = lead
report-what-chat = chat ({ $unread } unread)
report-twins = Where your items do best (items on more than one marketplace)
report-sync-health = Sync health
action-reprice = reprice
action-follow-up = follow up
action-hot = hot
action-raise = raise
action-ok = ok
report-reason-reprice = asking { $percent } above the market
report-reason-raise = asking { $percent } below the market
report-reason-follow-up = { $leads } new lead(s), { $unread } unread
report-reason-hot = readiness { $score }: answer fast
report-reason-ok = priced { $percent } against the market
report-reason-no-suggestion = no price suggestion
table-columns-left-out = left out at { $width } columns: { $columns } (see --json, or a wider terminal)
status-active = active
status-sold = sold
status-rented = rented
status-removed = removed
status-paused = paused
level-district = district
level-zone = zone
level-city = city
level-built-in = built-in figures
level-model-year = model and year
level-model = model
level-brand = brand
level-global = all cars

# The HTML report (treevu report --html FILE).
report-html-title = treevu: your portfolio
report-html-h1 = Your portfolio at a glance
report-html-sub = treevu report · generated { $at } · ranked by what needs doing
report-chip-listings = listings on the market
report-chip-above = priced above the market
report-chip-hot = hot listings
report-chip-leads = new leads since the last sync
report-chip-conversations = open conversations
report-chip-sync = sync health
report-chip-issues = { $count } issue(s)
report-html-most-urgent = Most urgent
report-html-everything-ranked-by-what-needs-doing = Everything, ranked by what needs doing
report-html-new-leads-since-the-last-sync = New leads since the last sync
report-html-no-leads = No new leads.
report-html-conversations-waiting = Conversations waiting
report-html-no-conversations = No unread or new conversations.
report-html-where-your-items-do-best = Where your items do best
report-html-sync-health = Sync health

# Progress on stderr ($kind of a fit: property or vehicle).
progress-listings = listings
progress-sync-started = { $marketplace }: { $kind ->
        [full] full
       *[incremental] incremental
    } sync started
progress-waiting = waiting { $seconds } s: hourly request budget spent; waiting for the window to reset
progress-waiting-line = { $marketplace }: hourly request budget spent; waiting for the window to reset; waiting { $seconds } s (until { $until })
progress-fitting = fitting the { $kind ->
        [property] home
       *[vehicle] car
    } price model on { $rows } comparables (once after the pool changes)…
progress-fitted = fitted the { $kind ->
        [property] home
       *[vehicle] car
    } price model on { $rows } comparables in { $seconds } s

# A sync run's notes.
sync-note-continuing = continuing the run started at { $started_at } ({ $pages } pages already stored)
sync-note-partly-seen = saw { $seen } of { $total } listings (some moved while paging); not marking any as removed this run
sync-note-budget-spent = request budget spent; stats and market data wait for the next run
sync-note-skipped = skipped { $request }: { $why }

# The HTML report's cards, charts and footer; sync health.
report-html-never = never
report-html-price-against-comparables = Price against comparables
report-html-views-over-time = Views over time
report-html-footer = Prices are treevu's recommendations from your local market pool; run { $recommend } for the full reasoning and { $apply } to send a new price.
report-svg-asking-against-comparables = asking price against comparables
report-svg-asking = asking { $price }
report-svg-suggested = suggested { $price }
report-svg-comparables = { $count ->
        [0] no comparables of this model in the pool
       *[other] { $count } comparables
    } · green: suggested range
report-svg-no-snapshots = no snapshots yet: run 'treevu sync'
report-svg-last = { $at } · { $views } views, { $contacts } contacts{ $snapshots ->
        [1] {" "}(one snapshot so far: the line grows with each sync)
       *[other] {""}
    }
report-health-never = never synced: run 'treevu sync { $marketplace }'
report-health-last-run = last run { $outcome }: { $error }
report-health-last-run-see-status = last run { $outcome }: see 'treevu sync status'
report-health-stale = no successful sync in over { $hours } h: run 'treevu sync { $marketplace }'
report-health-ok = ok

# estimate's rows left empty ($reason is the import's own words); the delists after a sync.
estimate-blanked = { $count } rows: { $reason } (left empty; the estimate widens and says so)
delists-found-twins = found { $count } new twin pair(s) across marketplaces; 'treevu twins' shows them
delists-earlier-conflicts = { $count } earlier conflict(s) between twins still wait for you ('treevu twins')
