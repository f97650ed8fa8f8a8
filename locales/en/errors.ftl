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
