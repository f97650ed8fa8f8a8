# Palabras comunes a varios comandos.

band-hot = caliente
band-warm = tibio
band-cold = frío

card-asking = Precio actual
card-asking-vs = { $percent } frente a lo recomendado
card-recommended = Recomendado
card-market = Estimación de mercado
card-range = Rango (80%)
card-confidence = Confianza
card-buyers = Compradores
card-buyers-value = { $band } · { $score }/100
card-comparables = Comparables
card-comparables-value = { $count } · { $level }
card-method = Método
card-why = Por qué
card-notes = Notas
card-llm = LLM
card-estimated = Valor estimado
card-factors = Factores
card-score = Puntaje
card-views = Vistas/día
card-contact-rate = Tasa de contacto
card-favorites = Favoritos
card-recency = Recencia
card-freshness = Frescura
card-median-days = Mediana de días a la venta
card-range-days = Rango 80%
card-contacts-7d = Contactos en 7 días
card-contacts-30d = Contactos en 30 días
card-price-position = Precio vs mercado
factor-base = base
factor-brand = marca
factor-model = modelo
factor-year = año
factor-mileage = kilometraje
factor-condition = estado
factor-other = otros
factor-estimated = = valor estimado
factor-range-min = rango mín.
factor-range-max = rango máx.

market-median = Precio de mercado (mediana)
market-mean = Precio de mercado (media)
market-per-m2 = Precio por m² (mercado)
market-position = Posición
market-position-value = { $position } · { $amount } ({ $percent })
position-above = sobre el mercado
position-below = bajo el mercado
position-at = en el mercado
market-trend = Tendencia
market-trend-estimate = { $percent } al mes (± { $error }, { $count ->
        [one] { $count } anuncio
       *[other] { $count } anuncios
    })
market-trend-insufficient = datos insuficientes
card-comparables-count = { $count ->
        [one] { $count } comparable
       *[other] { $count } comparables
    }
status-no-listings-sync = aún no hay anuncios guardados; ejecute 'treevu sync --all'
forecast-days = { $days } días
forecast-days-range = { $low }–{ $high } días
forecast-contacts = { $expected } ({ $low }–{ $high })

sync-which-accounts = indique qué cuentas sincronizar: 'treevu sync olx', 'treevu sync --all' o 'treevu sync --due' (vea 'treevu auth status')
sync-nothing-due = no hay nada pendiente; 'treevu sync status' muestra cuándo le toca a cada cuenta
sync-pool = { $marketplace }: pool de mercado { $new } nuevos, { $updated } actualizados, { $removed } retirados, { $rejected } rechazados
sync-pool-not-refreshed = el pool de mercado no se actualizó con sus anuncios: { $error }
sync-models-not-fitted = los modelos de precios no se ajustaron ahora: { $error }
sync-owner-notified = { $marketplace }: se avisó al responsable
outcome-running = en curso
outcome-ok = ok
outcome-partial = parcial
outcome-failed = fallida
outcome-interrupted = interrumpida

status-no-listings-connect = aún no hay anuncios guardados; ejecute 'treevu sync --all' después de 'treevu connect <marketplace>'
report-html-written = Se escribió el informe HTML en { $path }
report-no-suggestions = no hay precios sugeridos para los anuncios de tipo { $kind }: { $error }
report-intro = { $count ->
        [one] { $count } anuncio en el mercado
       *[other] { $count } anuncios en el mercado
    }, { $urgent } requieren atención; lo más urgente primero:
report-more = { $count ->
        [one] { $count } anuncio más no se muestra; use --limit, --json o --html
       *[other] { $count } anuncios más no se muestran; use --limit, --json o --html
    }
report-buyers = Compradores desde la última sincronización: { $leads } consulta(s) nueva(s), { $chats } conversación(es) en espera
report-what-lead = consulta
report-what-chat = chat ({ $unread } sin leer)
report-twins = Dónde rinden mejor sus artículos (artículos en más de un marketplace)
report-sync-health = Estado de la sincronización
action-reprice = cambiar precio
action-follow-up = dar seguimiento
action-hot = caliente
action-raise = subir precio
action-ok = ok
report-reason-reprice = pide { $percent } sobre el mercado
report-reason-raise = pide { $percent } bajo el mercado
report-reason-follow-up = { $leads } consulta(s) nueva(s), { $unread } sin leer
report-reason-hot = disposición { $score }: responda rápido
report-reason-ok = precio { $percent } frente al mercado
report-reason-no-suggestion = sin precio sugerido
table-columns-left-out = omitido a { $width } columnas: { $columns } (vea --json, o use una terminal más ancha)
status-active = activo
status-sold = vendido
status-rented = alquilado
status-removed = retirado
status-paused = pausado
level-district = distrito
level-zone = zona
level-city = ciudad
level-built-in = cifras incorporadas
level-model-year = modelo y año
level-model = modelo
level-brand = marca
level-global = todos los autos
