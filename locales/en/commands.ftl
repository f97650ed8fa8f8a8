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
