# Las razones del motor de precios: las frases del porqué, sus notas, la base
# de un análisis de mercado y la nota de un pronóstico. Los números llegan ya
# formateados; $property es apartment, house, land o commercial, $operation sale o
# rent, $level district, zone, city, model-year, model, brand o global.

why-home-comparables = Se comparó con { $count } { $property ->
        [apartment] departamentos
        [house] casas
        [land] terrenos
       *[commercial] locales comerciales
    } similares { $operation ->
        [rent] en alquiler
       *[sale] en venta
    } (misma operación y tipo, los más cercanos en distrito, área, ambientes y mantenimiento){ $in_district ->
        [yes] {" "}alrededor de { $district }
       *[no] {""}
    }; sus precios se ajustaron por tamaño con una elasticidad al área de { $elasticity } y se ponderaron por similitud{ $correction ->
        [boosted] , y luego un modelo de boosting entrenado con { $pool_listings } anuncios del pool corrigió por nivel de la zona, ambientes, mantenimiento y palabras del anuncio
        [unboosted] , sin la corrección de boosting (en este pool no superó a los comparables fuera de muestra para este segmento)
       *[none] {""}
    }.
why-home-from-facts = A partir de las { $facts }; no hay comparables locales de esta operación y tipo ({ $property ->
        [apartment] departamentos
        [house] casas
        [land] terrenos
       *[commercial] locales comerciales
    } { $operation ->
        [rent] en alquiler
       *[sale] en venta
    }).
why-home-blended = Combinado con las { $facts } (peso { $weight }%: { $listings } anuncios del pool de este tipo en el distrito, dispersión { $spread }).
why-home-held = La estimación ({ $before }) se mantuvo dentro del rango de precio por m² de los comparables listados ({ $low }–{ $high } { $currency }), del que habría salido.
why-home-range = El rango de 80% viene de errores fuera de muestra; la confianza de { $confidence }% refleja su amplitud{ $widened ->
        [yes] {" "}y que el distrito tenía pocos anuncios, por lo que la comparación se amplió a la { $level ->
        [district] distrito
        [zone] zona
        [city] ciudad
        [model-year] modelo y año
        [model] modelo
        [brand] marca
       *[global] todo el parque
    }
       *[no] {""}
    }.
why-converted-from-pen = Los precios se convirtieron de soles a { $rate } PEN por USD.
why-car-steps = Se partió del auto típico del pool (cerca de { $typical } { $currency }) y se avanzó paso a paso: marca { $brand }, modelo { $model }, año del modelo { $year }, kilometraje { $mileage }{ $has_condition ->
        [yes] , estado { $condition }
       *[no] {""}
    }, y luego { $other } por { $boosted ->
        [yes] el modelo de boosting
       *[no] los niveles (una corrección de boosting no los superó fuera de muestra en este pool)
    } y { $comparables } comparables del mismo modelo (motor, carrocería, transmisión, combustible).
why-car-from-facts = A partir de las { $facts }; no hay comparables locales.{ $has_condition ->
        [yes] {" "}Estado { $condition }.
       *[no] {""}
    }
why-car-prior = Sin comparables ni cifras incorporadas: un valor previo de catálogo.
why-car-blended = Combinado con las { $facts } (peso { $weight }%: { $listings } anuncios del pool del mismo modelo).
why-car-range = El rango es la banda de 80% de los errores fuera de muestra de autos similares; la confianza de { $confidence }% refleja su amplitud{ $widened ->
        [yes] {" "}y que hay pocos anuncios de este modelo y año (comparado a nivel de { $level ->
        [district] distrito
        [zone] zona
        [city] ciudad
        [model-year] modelo y año
        [model] modelo
        [brand] marca
       *[global] todo el parque
    })
       *[no] {""}
    }.
why-converted-from-usd = Convertido de dólares a { $rate } PEN por USD.
why-asking-against = El precio actual está { $percent }% frente a la estimación.
why-response-hot = Los compradores responden con fuerza (interés caliente), así que el precio queda 3% sobre la estimación de mercado.
why-response-cold = Tras un mes con poca respuesta de compradores (interés frío), el precio queda 3% bajo la estimación de mercado.
why-response-ordinary = La respuesta de los compradores es normal, así que el precio es la estimación de mercado.
why-step = La estimación de mercado está { $percent }% { $direction ->
        [below] por debajo
       *[above] por encima
    } del precio actual; la recomendación se mueve { $max_step }% hacia ella, lo más que propone un solo paso.

note-few-homes = pocos anuncios de este tipo en { $in_district ->
        [yes] { $district }
       *[no] el distrito
    }: comparado a nivel de { $level ->
        [district] distrito
        [zone] zona
        [city] ciudad
        [model-year] modelo y año
        [model] modelo
        [brand] marca
       *[global] todo el parque
    }, rango ampliado ×{ $widen }
note-home-prior = sin comparables ni cifras incorporadas: se usó un precio por m² previo
note-no-area = área faltante o inverosímil: la estimación se apoya en ambientes y ubicación
note-pool-converted = precios del pool en { $from } convertidos a { $to } a { $rate } PEN por USD
note-few-cars = pocos anuncios de este modelo y año: comparado a nivel de { $level ->
        [district] distrito
        [zone] zona
        [city] ciudad
        [model-year] modelo y año
        [model] modelo
        [brand] marca
       *[global] todo el parque
    }, rango ampliado ×{ $widen }
note-not-lima-car = las cifras incorporadas son de autos de Lima; el mercado de este auto puede ser otro
note-empty-pool = pool vacío: se usó un valor previo de catálogo

card-basis = Base
basis-comparables = { $count } comparables de la misma operación y tipo
basis-facts = { $local ->
        [0] { $facts }; sin comparables locales
        [one] { $facts }; solo { $local } comparable local
       *[other] { $facts }; solo { $local } comparables locales
    }

forecast-prior = poco historial ({ $records } registros, { $sold } vendidos): se usó el valor previo documentado (mediana de { $days } días a precio de mercado)
forecast-fitted = modelo de Weibull ajustado con { $records } registros ({ $sold } vendidos), forma { $shape }

# Las cifras de Lima incorporadas, nombradas dentro de las frases de arriba ("A partir de las …").
facts-home = cifras de Lima incorporadas de { $as_of } ({ $listings } anuncios vistos { $vintage }): { $place }, mediana de S/ { $ppm2 } por m²{ $rent ->
        [yes] {" "}al mes
       *[no] {""}
    } sobre { $count } anuncios{ $assumed ->
        [yes] ; los datos de Lima no tienen { $kind ->
            [sale-land] terrenos en venta
            [rent-land] terrenos en alquiler
            [sale-commercial] locales comerciales en venta
           *[rent-commercial] locales comerciales en alquiler
        }: el { $percent }% de la cifra de { $base ->
            [house] casas
           *[apartment] departamentos
        } es un supuesto, no un dato
       *[no] {""}
    }{ $no_area ->
        [yes] ; sin un área utilizable, se supuso la mediana del segmento, { $area } m²
       *[no] {""}
    }
facts-place-district = { $place }
facts-place-sibling = { $place } (a partir de sus { $of ->
        [rents] alquileres
        [sales] ventas
       *[apartments] departamentos
    })
facts-place-apartment-rents = { $place } (a partir de sus alquileres de departamentos)
facts-place-zone = zona { $place }
facts-place-city = Lima ciudad
facts-car = cifras de Lima incorporadas de { $as_of } ({ $listings } anuncios de autos de Lima): nivel de { $cars } sobre { $count } anuncios, { $per_year }% por año del modelo, kilometraje frente a la norma de Lima de { $km } km al año
facts-cars-all = todos los autos de Lima
facts-cars-tier = las marcas { $tier ->
        [luxury] de lujo
        [chinese] chinas
       *[mainstream] masivas
    }
facts-cars-brand = los autos { $brand }
facts-cars-family = la familia { $brand } { $family }
facts-cars-model = { $brand } { $model }

# Los meses como los nombran las fechas de las cifras, abreviados como se escriben en el Perú (ene. 2026, set. 2025).
month-1 = ene.
month-2 = feb.
month-3 = mar.
month-4 = abr.
month-5 = may.
month-6 = jun.
month-7 = jul.
month-8 = ago.
month-9 = set.
month-10 = oct.
month-11 = nov.
month-12 = dic.
