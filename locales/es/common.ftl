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

# El informe HTML (treevu report --html ARCHIVO).
report-html-title = treevu: su cartera
report-html-h1 = Su cartera de un vistazo
report-html-sub = informe de treevu · generado { $at } · ordenado por lo que hay que hacer
report-chip-listings = anuncios en el mercado
report-chip-above = con precio sobre el mercado
report-chip-hot = anuncios calientes
report-chip-leads = consultas nuevas desde la última sincronización
report-chip-conversations = conversaciones abiertas
report-chip-sync = estado de la sincronización
report-chip-issues = { $count } problema(s)
report-html-most-urgent = Lo más urgente
report-html-everything-ranked-by-what-needs-doing = Todo, ordenado por lo que hay que hacer
report-html-new-leads-since-the-last-sync = Consultas nuevas desde la última sincronización
report-html-no-leads = No hay consultas nuevas.
report-html-conversations-waiting = Conversaciones en espera
report-html-no-conversations = No hay conversaciones nuevas ni sin leer.
report-html-where-your-items-do-best = Dónde rinden mejor sus artículos
report-html-sync-health = Estado de la sincronización

# Progreso en stderr ($kind de un ajuste: property o vehicle).
progress-listings = anuncios
progress-sync-started = { $marketplace }: sincronización { $kind ->
        [full] completa
       *[incremental] incremental
    } iniciada
progress-waiting = esperando { $seconds } s: se agotó el cupo de solicitudes por hora; se espera a que se renueve
progress-waiting-line = { $marketplace }: se agotó el cupo de solicitudes por hora; se espera a que se renueve; esperando { $seconds } s (hasta { $until })
progress-fitting = ajustando el modelo de precios de { $kind ->
        [property] casas
       *[vehicle] autos
    } con { $rows } comparables (una vez tras cada cambio del pool)…
progress-fitted = modelo de precios de { $kind ->
        [property] casas
       *[vehicle] autos
    } ajustado con { $rows } comparables en { $seconds } s

# Las notas de una sincronización.
sync-note-continuing = se continúa la ejecución iniciada el { $started_at } ({ $pages } páginas ya guardadas)
sync-note-partly-seen = se vieron { $seen } de { $total } anuncios (algunos se movieron al paginar); esta vez no se marca ninguno como retirado
sync-note-budget-spent = se agotó el cupo de solicitudes; las estadísticas y los datos de mercado esperan a la próxima ejecución
sync-note-skipped = se omitió { $request }: { $why }

# Las tarjetas, gráficos y pie del informe HTML; la salud de la sincronización.
report-html-never = nunca
report-html-price-against-comparables = Precio frente a los comparables
report-html-views-over-time = Vistas en el tiempo
report-html-footer = Los precios son recomendaciones de treevu a partir de su pool de mercado local; ejecute { $recommend } para ver el razonamiento completo y { $apply } para enviar un nuevo precio.
report-svg-asking-against-comparables = precio actual frente a los comparables
report-svg-asking = actual { $price }
report-svg-suggested = sugerido { $price }
report-svg-comparables = { $count ->
        [0] sin comparables de este modelo en el pool
        [one] { $count } comparable
       *[other] { $count } comparables
    } · verde: rango sugerido
report-svg-no-snapshots = aún no hay mediciones: ejecute 'treevu sync'
report-svg-last = { $at } · { $views } vistas, { $contacts } contactos{ $snapshots ->
        [1] {" "}(una sola medición por ahora: la línea crece con cada sincronización)
       *[other] {""}
    }
report-health-never = nunca sincronizado: ejecute 'treevu sync { $marketplace }'
report-health-last-run = última ejecución { $outcome }: { $error }
report-health-last-run-see-status = última ejecución { $outcome }: vea 'treevu sync status'
report-health-stale = ninguna sincronización exitosa en más de { $hours } h: ejecute 'treevu sync { $marketplace }'
report-health-ok = ok

# Filas de estimate que quedan vacías ($reason son las palabras de la importación); los retiros tras una sincronización.
estimate-blanked = { $count ->
        [one] { $count } fila: { $reason } (queda vacía; la estimación se amplía y lo dice)
       *[other] { $count } filas: { $reason } (quedan vacías; la estimación se amplía y lo dice)
    }
delists-found-twins = { $count ->
        [one] se encontró { $count } par nuevo de gemelos entre marketplaces; 'treevu twins' lo muestra
       *[other] se encontraron { $count } pares nuevos de gemelos entre marketplaces; 'treevu twins' los muestra
    }
delists-earlier-conflicts = { $count ->
        [one] { $count } conflicto anterior entre gemelos sigue esperándolo ('treevu twins')
       *[other] { $count } conflictos anteriores entre gemelos siguen esperándolo ('treevu twins')
    }
