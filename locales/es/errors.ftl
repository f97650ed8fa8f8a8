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

# La configuración, los archivos de importación, la base de datos.
error-config-read = no se puede leer el archivo de configuración { $path }: { $cause }
error-config-parse = el archivo de configuración { $path } no es TOML válido: { $message }
    .hint = corríjalo o muévalo a otro lugar
error-config-invalid = { $setting } no es válido: { $why }
error-config-unknown-marketplace = marketplace desconocido '{ $name }' en [{ $table }] de { $path }: se espera olx, inmuebles24 o autofact
error-config-secret-in-file = { $path } tiene un client_secret en [marketplaces.{ $marketplace }]: los secretos nunca van en el archivo de configuración. Borre esa línea y guarde el secreto con 'treevu auth client-secret { $marketplace }' (va al llavero del sistema)
error-config-no-home = no hay directorio personal: defina HOME, o XDG_CONFIG_HOME y XDG_DATA_HOME
error-config-database-url = --database-url / TREEVU_DATABASE_URL: { $why }
error-config-two-stores = --db y --database-url nombran dos almacenes: indique uno (--db es un archivo SQLite, --database-url un servidor PostgreSQL)
error-config-bad-profile = el nombre de perfil '{ $name }' no es válido: use letras, dígitos, '-' y '_' (hasta 64)
error-import-read = no se puede leer { $path }: { $cause }
error-import-empty = { $path } está vacío: se espera una línea de encabezado y filas (vea docs/pricing.md para las columnas)
error-import-not-utf8 = { $path } no es texto UTF-8 (primer byte inválido en la posición { $offset })
    .hint = guárdelo como UTF-8 y vuelva a intentarlo
error-import-wrong-kind = { $path } parece un archivo de tipo { $found } (tiene { $columns })
    .hint = use --kind { $found }
error-import-unknown-kind = no se sabe si { $path } contiene inmuebles o vehículos por sus columnas
    .hint = agregue --kind property o --kind vehicle
error-import-missing-column = { $path } no tiene la columna '{ $column }', que un archivo de tipo { $kind } necesita (obligatorias: { $required })
error-import-malformed = { $path } línea { $line }: { $message }
error-store-newer-schema = la base de datos { $path } tiene la versión de esquema { $found }, más nueva de la que este treevu entiende ({ $known })
    .hint = actualice treevu, o apunte --db a otro archivo
error-store-create-dir = no se puede crear el directorio de datos { $path }: { $cause }
error-store-not-writable = no se puede escribir la base de datos { $path }: { $cause }

# Los marketplaces, el inicio de sesión, el LLM.
error-api-not-found = { $marketplace } no tiene { $what }
error-api-invalid = datos inválidos para { $marketplace }{ $has_field ->
        [yes] {" "}(campo '{ $field }')
       *[no] {""}
    }: { $message }
error-api-server = { $marketplace } respondió { $status }: { $message }
error-api-credentials = no se pueden usar las credenciales guardadas de { $marketplace }: { $message }
error-auth-timed-out = el navegador no respondió en { $seconds } s; no se guardó nada. Vuelva a ejecutar el comando (use --timeout para esperar más)
error-auth-interrupted = interrumpido; no se guardó nada
error-auth-key-refused = { $marketplace } rechazó la clave de API: { $message }
    .hint = no se guardó nada
error-llm-not-configured = no hay un LLM configurado: defina TREEVU_LLM_URL y TREEVU_LLM_MODEL (o url/model en [llm] de config.toml) y guarde la clave con 'treevu auth llm-key'
error-llm-bad-url = la URL del LLM '{ $url }' no es válida: { $why }
error-llm-unauthorized = el servicio del LLM rechazó la clave (HTTP { $status })
    .hint = guarde una válida con 'treevu auth llm-key' o defina TREEVU_LLM_API_KEY
error-llm-http = el servicio del LLM respondió HTTP { $status }: { $message }
error-llm-timeout = el servicio del LLM no respondió en { $seconds } s
error-llm-transport = no se puede contactar el servicio del LLM: { $why }
error-llm-rejected = se rechazó la respuesta del LLM ({ $why })

# Write-back: por qué recommend --apply (o la actualización de un gemelo) no envió nada.
error-refusal = { $kind ->
        [too-large] el cambio { $from } → { $to } es el { $pct }% del precio actual, más que el { $max }% permitido (apply.max_change); no se envió nada
        [low-confidence] la confianza de la recomendación, { $confidence }%, está por debajo del mínimo de { $floor }% (apply.min_confidence); no se envió nada
        [stale-live-price] el precio en { $name } ahora es { $live }, no { $synced } como en la última sincronización; no se envió nada
       *[changed-meanwhile] el precio guardado cambió a { $stored } mientras la recomendación se hizo para { $expected } (otro treevu lo cambió); no se envió nada
    }
    .hint = { $kind ->
        [too-large] revise la recomendación y luego use --force para enviarlo de todos modos
        [low-confidence] revise su rango y luego use --force para enviarlo de todos modos
        [stale-live-price] ejecute 'treevu sync { $marketplace }' y pida una nueva recomendación
       *[changed-meanwhile] pida una nueva recomendación
    }
error-refused = { $listing }: { error-refusal }
    .hint = { error-refusal.hint }
error-twin-refused = gemelo { $twin }: { error-refusal }
    .hint = { error-refusal.hint }
# Un monto que no lo es ($kind: not-finite, too-large, unparseable).
error-money = { $kind ->
        [not-finite] el monto { $amount } no es un número finito
        [too-large] el monto { $amount } es demasiado grande para guardarlo
       *[unparseable] '{ $amount }' no es un monto; escríbalo como 1234.50
    }
error-lock-file = no se puede usar el archivo de bloqueo { $path }: { $cause }
error-writeback-mirror = { $marketplace } aceptó el cambio, pero su respuesta no se pudo guardar ({ $message })
    .hint = ejecute 'treevu sync { $marketplace }'

# El almacén de secretos (llavero o archivo cifrado).
error-secret-keyring-unavailable = no se puede usar el llavero del sistema: { $cause ->
        [no-session-bus] no hay bus de sesión de D-Bus (lo normal por SSH, en contenedores y en cron)
        [no-secret-service] el bus de sesión no tiene Secret Service (no hay gnome-keyring ni KeePassXC en marcha)
        [locked] el llavero está bloqueado o no tiene colección de inicio de sesión
        [timed-out] el llavero no respondió a tiempo
       *[other] el llavero rechazó la solicitud
    }; { $detail }. Inicie y desbloquee un llavero (p. ej. `printf %s "$PASS" | gnome-keyring-daemon --unlock --components=secrets` dentro de una sesión de D-Bus) o elija el almacén en archivo cifrado: TREEVU_SECRET_STORE=file más TREEVU_FILE_KEY (32 bytes, base64) o TREEVU_FILE_PASSPHRASE
error-secret-timeout = el almacén de secretos no respondió en { $seconds } s
error-secret-wrong-file-key = no se puede descifrar { $path }: TREEVU_FILE_KEY o TREEVU_FILE_PASSPHRASE incorrecta (o el archivo está dañado); no se cambió nada
error-secret-file-key = el almacén en archivo cifrado necesita una clave: { $why }
error-secret-bad-file = { $path } no es un archivo de secretos de treevu ({ $why }); no se cambió nada
error-secret-unknown-store = TREEVU_SECRET_STORE={ $value } no es válido: use 'keyring' (el predeterminado) o 'file'
error-secret-probe-mismatch = el almacén de secretos respondió, pero la prueba leyó otro valor; no es de fiar
error-secret-damaged = el secreto guardado de { $what } está dañado
    .hint = ejecute de nuevo 'treevu connect { $marketplace }'
error-secret-operator-key-missing = el almacén PostgreSQL guarda los secretos cifrados con una clave de operador, y no hay ninguna configurada
    .hint = defina TREEVU_OPERATOR_KEY_FILE con un archivo que la contenga (32 bytes aleatorios en base64, p. ej. `head -c32 /dev/urandom | base64 > operator.key && chmod 600 operator.key`) o TREEVU_OPERATOR_KEY_COMMAND con un comando que la imprima
error-secret-operator-key = no se puede usar la clave de operador de { $origin }: { $why }
error-secret-wrong-operator-key = la clave de operador de { $origin } no coincide con aquella con la que se guardaron estos secretos (id de clave { $key_id }); no se cambió nada
    .hint = apunte TREEVU_OPERATOR_KEY_FILE o TREEVU_OPERATOR_KEY_COMMAND a esa clave (tras 'treevu operator rotate-key', a la nueva)

# El servidor de inicio de sesión de un marketplace: el paso y qué falló.
auth-step = { $step ->
        [token-exchange] intercambio del token
        [account-lookup] consulta de la cuenta
        [token-refresh] renovación del token
        [revocation] revocación
        [key-check] verificación de la clave de API
       *[sandbox-credentials] credenciales del sandbox
    }
error-auth-oauth = { $host } rechazó la solicitud de { auth-step } de { $name }: { $error }{ $detail }{ $error ->
        [invalid_client] . El servidor no aceptó las credenciales de la aplicación: revise client_id en [marketplaces.{ $marketplace }], guarde el secreto de cliente de la aplicación con 'treevu auth client-secret { $marketplace }' y ponga en token_endpoint_auth_method (client_secret_basic o client_secret_post) lo que pide el servidor
       *[other] {""}
    }
error-auth-unreachable = falló la solicitud de { auth-step } de { $name }: { $cause }
error-auth-answered = { $host } respondió HTTP { $status } a la solicitud de { auth-step } de { $name }: { $message }

error-store-open = no se puede abrir la base de datos { $path }: { $cause }
error-store-sql = error de la base de datos: { $cause }
error-store-postgres = PostgreSQL en { $location }: { $cause }
error-store-newer-server-schema = la base de datos en { $location } tiene la versión de esquema { $found }, más nueva de la que entiende este treevu ({ $known }); actualice treevu o apunte --database-url a otra base de datos
error-store-unknown-merchant = no hay ningún comerciante llamado { $name } en la base de datos en { $location }; agréguelo con 'treevu merchants add { $name }' (o revise --profile / TREEVU_PROFILE)
error-secret-io = no se puede { $action ->
        [create-dir] crear el directorio de
        [encrypt] cifrar
        [start-thread] iniciar un hilo para
        [lock] bloquear
        [open-lock] abrir el bloqueo de
        [read] leer
       *[write] escribir
    } { $path }: { $message }
error-auth-missing-client-id = no hay client id de OAuth para { $name }: defina `client_id` bajo [marketplaces.{ $key }] en { $config }, o { $env }_CLIENT_ID
error-auth-bind = no se puede escuchar en 127.0.0.1:{ $port } para la respuesta del inicio de sesión: { $message }. Ejecute de nuevo sin --port (se elige un puerto libre) o con otro --port; en una máquina sin navegador, ejecute con --no-browser y pegue la dirección a la que se envía su navegador
error-auth-provider = el marketplace no autorizó a treevu: { $error }{ $detail }{ $scope ->
        [yes] . Defina `scope` bajo [marketplaces.<name>] en el archivo de configuración (o TREEVU_<NAME>_SCOPE) con scopes que el servidor conceda
       *[no] {""}
    }

error-twins-same-marketplace = { $a } y { $b } están en el mismo marketplace; los gemelos son un ítem en marketplaces distintos
error-twins-kind-mismatch = { $a } es { $akind } y { $b } es { $bkind }: un inmueble y un auto no pueden ser un solo ítem
error-twins-not-linked = { $a } y { $b } no están vinculados como gemelos (vea 'treevu twins')
error-crosslist-not-active = { $listing } está { $status }; solo se publican en otro marketplace los anuncios aún en venta (o en alquiler)
error-crosslist-same-marketplace = { $listing } ya está en { $name }; elija otro marketplace con --to
error-crosslist-unsupported = { $name } no acepta { $what ->
        [homes] inmuebles
        [cars] autos
       *[other] este tipo de anuncio
    } ({ $listing } es uno); los inmuebles van entre Inmuebles24 y OLX, los autos entre Autofact y OLX
error-crosslist-missing-field = { $name } necesita { $field }, que { $listing } no tiene; indíquelo con --set { $key }={ $example }
error-crosslist-invalid = { $listing } no puede ir a { $name }: { $cause }; corríjalo en el origen o reemplácelo con --set
error-notify-command = el comando de aviso no pudo ejecutarse: { $cause }
error-notify-command-status = el comando de aviso terminó con { $status }
error-notify-webhook = no se pudo contactar el webhook de aviso: { $cause }
