# Errores y qué hacer a continuación (.hint). Un error se imprime como "mensaje; pista".

error-prefix = error:
warning-prefix = aviso:

error-unknown-listing = no hay ningún anuncio '{ $listing }' en el almacén local
    .hint = ejecute 'treevu sync { $marketplace }' o vea 'treevu listings'
error-not-connected = { $marketplace } no está conectado
    .hint = ejecute 'treevu connect { $marketplace }'
error-needs-reconnect = { $marketplace } necesita que vuelva a conectarse: { $why }
    .hint = ejecute 'treevu connect { $marketplace }'
error-already-syncing = otro proceso de treevu ya está sincronizando { $marketplace } para este perfil
    .hint = espere a que termine (o use --wait)
error-api-unauthorized = { $marketplace } rechazó las credenciales: { $message }
    .hint = ejecute 'treevu connect { $marketplace }'
error-api-rate-limited = se alcanzó el límite de solicitudes de { $marketplace }
    .hint = vuelva a intentarlo en { $seconds } s
error-api-network = no se puede conectar con { $marketplace }: { $message }
error-unknown-marketplace = marketplace desconocido '{ $name }': se espera olx, inmuebles24 o autofact
error-bad-listing-ref = '{ $text }' no es un id de anuncio: escríbalo como <marketplace>:<id>, p. ej. olx:123 (vea 'treevu listings')
error-wrong-kind-priced = { $listing } es un anuncio de tipo { $kind } ({ $category ->
        [none] sin categoría
       *[other] { $category }
    })
    .hint = treevu pone precio a casas y autos
error-wrong-kind-valuation = { $listing } es un anuncio de tipo { $kind } ({ $category ->
        [none] sin categoría
       *[other] { $category }
    })
    .hint = una tasación es para autos; para una casa use 'treevu market analyze' o 'treevu recommend'
error-wrong-kind-analysis = { $listing } es un anuncio de tipo { $kind } ({ $category ->
        [none] sin categoría
       *[other] { $category }
    })
    .hint = el análisis de mercado compara casas; para un auto use 'treevu valuation'
sync-none-connected = no hay ninguna cuenta de marketplace conectada en este perfil
    .hint = ejecute primero 'treevu connect olx' (o inmuebles24, autofact)
