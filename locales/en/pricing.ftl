# The pricing engine's reasons: the rationale's sentences, its notes, a market
# analysis's basis and a forecast's note. The English says exactly what the
# engine's own text (the JSON `rationale`) says; a test compares them.
# Numbers come formatted; $property is apartment, house, land or commercial,
# $operation sale or rent, $level district, zone, city, model-year, model,
# brand or global.

why-home-comparables = Compared with { $count } similar { $property } listings for { $operation } (same operation and type, closest in district, area, rooms and fees){ $in_district ->
        [yes] {" "}around { $district }
       *[no] {""}
    }; their prices were adjusted for size with an area elasticity of { $elasticity } and weighted by similarity{ $correction ->
        [boosted] , then a boosted model trained on { $pool_listings } pool listings corrected for location level, rooms, fees and listing words
        [unboosted] , without the boosted correction (on this pool it did not beat the comparables out of fold for this segment)
       *[none] {""}
    }.
why-home-from-facts = From the { $facts }; no local comparables of this operation and type ({ $property } for { $operation }).
why-home-blended = Blended with the { $facts } ({ $weight }% weight: { $listings } pool listings of this kind in the district, spread { $spread }).
why-home-held = The estimate ({ $before }) was held to the listed comparables' range of price per m² ({ $low }–{ $high } { $currency }), which it would have left.
why-home-range = The 80% range comes from out-of-sample errors; confidence { $confidence }% reflects how wide it is{ $widened ->
        [yes] {" "}and that the district had few listings, so the comparison was widened to the { $level }
       *[no] {""}
    }.
why-converted-from-pen = Prices were converted from PEN at { $rate } PEN per USD.
why-car-steps = Started from the pool's typical car (about { $typical } { $currency }) and moved step by step: brand { $brand }, model { $model }, model year { $year }, mileage { $mileage }{ $has_condition ->
        [yes] , condition { $condition }
       *[no] {""}
    }, then { $other } from the { $boosted ->
        [yes] boosted model
       *[no] levels (a boosted correction did not beat them out of fold on this pool)
    } and { $comparables } same-model comparables (engine, body, transmission, fuel).
why-car-from-facts = From the { $facts }; no local comparables.{ $has_condition ->
        [yes] {" "}Condition { $condition }.
       *[no] {""}
    }
why-car-prior = No comparable and no built-in figure: a catalogue prior.
why-car-blended = Blended with the { $facts } ({ $weight }% weight: { $listings } same-model pool listings).
why-car-range = The range is the 80% band of out-of-sample errors for similar cars; confidence { $confidence }% reflects its width{ $widened ->
        [yes] {" "}and that few listings of this model-year exist (compared at { $level } level)
       *[no] {""}
    }.
why-converted-from-usd = Converted from USD at { $rate } PEN per USD.
why-asking-against = The current asking price is { $percent }% against it.
why-response-hot = Buyers are responding strongly (readiness hot), so the price sits 3% above the market estimate.
why-response-cold = After a month with little buyer response (readiness cold), the price sits 3% below the market estimate.
why-response-ordinary = Buyer response is ordinary, so the price is the market estimate.
why-step = The market estimate is { $percent }% { $direction ->
        [below] below
       *[above] above
    } the asking price; the recommendation moves { $max_step }% toward it, the most one step proposes.

note-few-homes = few listings of this kind in { $in_district ->
        [yes] { $district }
       *[no] the district
    }: compared at { $level } level, range widened ×{ $widen }
note-home-prior = no comparable and no built-in figure: prior price per m² used
note-no-area = area missing or implausible: estimate relies on rooms and location
note-pool-converted = pool prices in { $from } converted to { $to } at { $rate } PEN per USD
note-few-cars = few listings of this model-year: compared at { $level } level, range widened ×{ $widen }
note-not-lima-car = the built-in figures are of Lima cars; this car's market may differ
note-empty-pool = empty pool: catalogue prior used

card-basis = Basis
basis-comparables = { $count } comparables of the same operation and type
basis-facts = { $local ->
        [0] { $facts }; no local comparables
       *[other] { $facts }; only { $local } local comparables
    }

forecast-prior = too little history ({ $records } records, { $sold } sold): documented prior used (median { $days } days at market price)
forecast-fitted = Weibull model fitted on { $records } records ({ $sold } sold), shape { $shape }

# The built-in Lima figures, named inside the sentences above ("From the …").
facts-home = built-in Lima figures of { $as_of } ({ $listings } listings seen { $vintage }): { $place } median S/ { $ppm2 } per m²{ $rent ->
        [yes] {" "}a month
       *[no] {""}
    } over { $count } listings{ $assumed ->
        [yes] ; the Lima data has no { $kind ->
            [sale-land] sale land
            [rent-land] rent land
            [sale-commercial] sale commercial premises
           *[rent-commercial] rent commercial premises
        }: { $percent }% of the { $base } figure is an assumption, not data
       *[no] {""}
    }{ $no_area ->
        [yes] ; no usable area, so the segment's median { $area } m² was assumed
       *[no] {""}
    }
facts-place-district = { $place }
facts-place-sibling = { $place } (from its { $of })
facts-place-apartment-rents = { $place } (from its apartment rents)
facts-place-zone = { $place } zone
facts-place-city = Lima city
facts-car = built-in Lima figures of { $as_of } ({ $listings } Lima car listings): level of { $cars } over { $count } listings, { $per_year }% per model year, mileage against the Lima norm of { $km } km a year
facts-cars-all = all Lima cars
facts-cars-tier = { $tier } brands
facts-cars-brand = { $brand } cars
facts-cars-family = { $brand } { $family } family
facts-cars-model = { $brand } { $model }

# Months as the figures' dates name them (Jan 2026).
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
