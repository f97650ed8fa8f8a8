# --help: encabezados, luego la descripción de cada comando
# (cli-<ruta del comando>-about) y la ayuda de cada opción
# (cli-<ruta>-arg-<opción>; opciones globales: cli-global-<opción>).

cli-heading-usage = Uso:
cli-heading-options = Opciones
cli-heading-arguments = Argumentos
cli-heading-global = Opciones globales
cli-heading-commands = Comandos
cli-flag-help = Muestra la ayuda
cli-flag-version = Muestra la versión
cli-help-about = Muestra este mensaje o la ayuda de los subcomandos dados
cli-help-arg-command = El comando cuya ayuda mostrar
cli-spec-env = [variable de entorno: { $name }]
cli-spec-default = [por defecto: { $value }]
cli-spec-values = [valores posibles: { $values }]
help-group-accounts = Cuentas
help-group-sync = Sincronización
help-group-prices-and-market = Precios y mercado
help-group-listings = Anuncios
help-group-setup = Configuración
help-group-other = Otros comandos

cli-about = Sincronice, ponga precio y venda casas y autos en los marketplaces del Perú (OLX, Inmuebles24, Autofact)
cli-global-db = Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]
cli-global-database_url = Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)
cli-global-config = Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]
cli-global-profile = Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante
cli-global-json = Imprime los datos como un documento JSON (igual que --format json)
cli-global-format = Formato de los datos en stdout
cli-global-quiet = Solo errores y avisos en stderr
cli-global-verbose = Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)
cli-global-no_color = Sin color (también con NO_COLOR definido)
cli-global-lang = Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]
cli-global-exact_cells = CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un ' delante)
cli-connect-about = Conecte una cuenta de marketplace: inicie sesión (OLX, Inmuebles24) o entregue la clave de API (Autofact)
cli-connect-arg-marketplace = olx, inmuebles24 o autofact
cli-connect-arg-no_browser = No abre un navegador; imprime la dirección para abrirla en otro lugar (también por SSH o sin pantalla)
cli-connect-arg-port = Puerto del servidor local de retorno en 127.0.0.1 [por defecto: cualquier puerto libre]
cli-connect-arg-timeout = Segundos de espera al navegador
cli-connect-arg-api_key_stdin = Autofact: lee la clave de API de la primera línea de stdin en lugar de pedirla oculta
cli-auth-about = Cuentas conectadas: estado, token actual para scripts, cierre de sesión
cli-auth-status-about = Qué cuentas están conectadas, desde dónde y si alguna lo necesita a usted (sale con 1 si es así)
cli-auth-token-about = Imprime el token de acceso actual (o la clave de Autofact) para scripts, renovándolo si toca
cli-auth-token-arg-marketplace = olx, inmuebles24 o autofact
cli-auth-logout-about = Olvida el secreto guardado; lo revoca en el marketplace cuando su API lo permite
cli-auth-logout-arg-marketplace = olx, inmuebles24 o autofact
cli-auth-llm-key-about = Guarda en el almacén de secretos la clave de API del LLM detrás de 'recommend --explain'
cli-auth-llm-key-arg-stdin = Lee la clave de la primera línea de stdin en lugar de pedirla oculta
cli-auth-llm-key-arg-delete = En su lugar, olvida la clave guardada
cli-auth-client-secret-about = Guarda en el almacén de secretos el secreto de cliente OAuth de la app (servidores que piden un cliente confidencial)
cli-auth-client-secret-arg-marketplace = olx o inmuebles24
cli-auth-client-secret-arg-stdin = Lee el secreto de la primera línea de stdin en lugar de pedirlo oculto
cli-auth-client-secret-arg-delete = En su lugar, olvida el secreto guardado (treevu vuelve a ser un cliente público)
cli-profiles-about = Lista los perfiles de comerciante y dónde están sus datos
cli-merchants-about = Comerciantes de un almacén PostgreSQL (--database-url): listar, agregar, eliminar
cli-merchants-list-about = Cada comerciante: cuentas, última sincronización, creación
cli-merchants-add-about = Agrega un comerciante (un nombre como los de perfil: letras, dígitos, - y _)
cli-merchants-add-arg-name = El nombre del comerciante
cli-merchants-remove-about = Elimina un comerciante y todos sus datos, tras confirmación
cli-merchants-remove-arg-name = El nombre del comerciante
cli-merchants-remove-arg-yes = No pide confirmación
cli-operator-about = El operador de un almacén PostgreSQL (--database-url): el estado de cada cuenta y rotar la clave de los secretos guardados
cli-operator-status-about = Cada cuenta de cada comerciante: pendiente, en curso, en espera, con fallas o por reconectar; última ejecución, último error y presupuesto usado esta hora
cli-operator-rotate-key-about = Vuelve a cifrar los secretos de cada comerciante con una nueva clave de operador, en una sola transacción
cli-operator-rotate-key-arg-new_key_file = La nueva clave: un archivo (modo 600) con 32 bytes aleatorios en base64
cli-sync-about = Trae anuncios, estadísticas, consultas y conversaciones al almacén local
cli-sync-arg-marketplaces = Marketplaces a sincronizar (por defecto con --all: cada cuenta conectada)
cli-sync-arg-all = Cada cuenta conectada
cli-sync-arg-full = Ignora el cursor incremental: trae todo y marca como retirado lo que desapareció
cli-sync-arg-due = Solo las cuentas cuyo intervalo de sincronización ya pasó (para cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)
cli-sync-arg-all_profiles = Cada perfil de comerciante por turno, cada uno dentro de sus propios cupos
cli-sync-arg-wait = Si otro treevu está sincronizando la misma cuenta, lo espera en lugar de salir con el código 5
cli-sync-arg-max_wait = Espera máxima a que se reinicie la ventana horaria de solicitudes antes de detenerse con un punto de control
cli-sync-arg-concurrency = Páginas descargadas a la vez
cli-sync-status-about = Por cuenta: la última ejecución, su resultado y cifras, el cupo restante y cuándo toca la siguiente
cli-schedule-about = Imprime la línea de crontab o las unidades de systemd que ejecutan 'treevu sync --due'
cli-schedule-arg-cron = Una línea de crontab (por defecto)
cli-schedule-arg-systemd = Un servicio y un temporizador de usuario de systemd
cli-schedule-arg-every = Minutos entre revisiones; cada cuenta se sincroniza solo cuando pasó su intervalo
cli-watch-about = Se queda en primer plano y sincroniza cada cuenta cuando le toca
cli-watch-arg-check_every = Segundos entre revisiones de las cuentas pendientes
cli-worker-about = Sincroniza las cuentas pendientes de todos los comerciantes de un almacén PostgreSQL (--database-url), junto con otros workers
cli-worker-arg-concurrency = Cuentas sincronizadas a la vez
cli-worker-arg-once = Sincroniza lo pendiente ahora y termina (código distinto de cero si una cuenta falló)
cli-worker-arg-lease_seconds = Cuánto tiempo una cuenta tomada sigue siendo de este worker sin renovarla
cli-recommend-about = El precio a pedir por anuncios sincronizados: precio recomendado, rango, confianza y por qué
cli-recommend-arg-listings = Ids de anuncio de 'treevu listings' (p. ej. olx:123); '-' los lee de stdin
cli-recommend-arg-apply = Envía el precio recomendado al marketplace (muestra anterior → nuevo y pregunta antes)
cli-recommend-arg-yes = Con --apply: no pide confirmación
cli-recommend-arg-dry_run = Con --apply: muestra la solicitud que se enviaría y no envía nada
cli-recommend-arg-force = Con --apply: envía un precio que cambia más que apply.max_change (20%) o cuya confianza está bajo apply.min_confidence (40%)
cli-recommend-arg-all_twins = Con --apply: envía el precio también a cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd
cli-recommend-arg-explain = Pide al LLM configurado (TREEVU_LLM_URL, TREEVU_LLM_MODEL) que explique cada precio en el idioma elegido; las cifras de treevu se mantienen
cli-estimate-about = Pone precio a casas y autos que aún no están publicados, frente al pool de mercado
cli-estimate-arg-kind = Qué tasar (con --input, se reconoce por las columnas del archivo si no se indica)
cli-estimate-arg-input = Un CSV de artículos (columnas como en docs/pricing.md; una columna de precio se ignora); un resultado por fila, en orden
cli-estimate-arg-id = Id que se muestra en el resultado
cli-estimate-arg-operation = sale (venta) o rent (alquiler)
cli-estimate-arg-property_type = apartment, house, land o commercial
cli-estimate-arg-area = Área total en m²
cli-estimate-arg-mileage = Kilometraje en km
cli-estimate-arg-condition = excellent, good, fair o poor
cli-estimate-arg-title = Título del anuncio (cuentan palabras como "estreno" o "vista al mar")
cli-estimate-arg-currency = Moneda de la respuesta (por defecto: PEN para inmuebles, USD para vehículos)
cli-market-about = Comparables de mercado: importe archivos CSV, analice un anuncio frente a su mercado
cli-market-import-about = Carga comparables de mercado desde un archivo CSV (idempotente por id: una reimportación actualiza)
cli-market-import-arg-kind = Qué contiene el archivo (se reconoce por sus columnas si no se indica)
cli-market-import-arg-file = El archivo CSV (`-` para stdin); columnas como en docs/pricing.md
cli-market-analyze-about = Compara un anuncio sincronizado con su mercado: precio mediano y medio, precio por m², posición, tendencia, comparables
cli-market-analyze-arg-listing = Un anuncio de inmueble sincronizado (p. ej. inmuebles24:I24-12)
cli-market-facts-about = Regenera las cifras de mercado incorporadas (agregados, nunca filas) a partir de archivos de mercado
cli-market-facts-arg-properties = Archivo de casas (columnas de lima-properties.csv)
cli-market-facts-arg-vehicles = Archivo de autos (columnas de vehicles.csv): las filas de Lima dan los niveles, las demás solo la curva de antigüedad
cli-market-facts-arg-out = Escribe la tabla aquí (por defecto: stdout); crates/pricing/src/lima_facts.json es la que se compila
cli-valuation-about = El valor de un auto calculado localmente, con el aporte de cada factor
cli-valuation-arg-vehicles = Anuncios de vehículos sincronizados (p. ej. autofact:AF-12); '-' los lee de stdin
cli-readiness-about = Puntaje de disposición del comprador (0-100, caliente/tibio/frío) de anuncios sincronizados
cli-readiness-arg-listings = Ids de anuncio (por defecto: cada anuncio en el mercado); '-' los lee de stdin
cli-forecast-about = Contactos esperados y tiempo hasta la venta de anuncios sincronizados
cli-forecast-arg-listings = Ids de anuncio (p. ej. olx:123); '-' los lee de stdin
cli-backtest-about = Mide la precisión de precios de treevu sobre el pool (k-fold) o un archivo etiquetado
cli-backtest-arg-kind = Qué pool probar
cli-backtest-arg-input = Un CSV etiquetado (con precios) para tasar frente al pool, en lugar de k-fold sobre el pool
cli-backtest-arg-folds = Particiones de la validación cruzada sobre el pool
cli-listings-about = Muestra los anuncios guardados localmente (de 'treevu sync')
cli-listings-arg-marketplace = Solo este marketplace
cli-listings-arg-status = Solo anuncios con este estado (active, sold, rented, removed)
cli-listings-arg-all = Incluye anuncios que ya no se encuentran en el marketplace
cli-listing-about = Cambia, publica o retira un anuncio en su marketplace
cli-listing-update-about = Cambia el precio, título, descripción o estado de un anuncio en su marketplace (PUT)
cli-listing-update-arg-listing = El anuncio, como <marketplace>:<id> (vea 'treevu listings'); '-' lo lee de stdin
cli-listing-update-arg-price = Precio nuevo en la moneda del anuncio, p. ej. 285000 o 285,000.50
cli-listing-update-arg-title = Título nuevo (de 5 a 255 caracteres)
cli-listing-update-arg-description = Descripción nueva (OLX e Inmuebles24)
cli-listing-update-arg-status = Estado nuevo
cli-listing-update-arg-yes = No pide confirmación
cli-listing-update-arg-dry_run = Imprime la solicitud que se enviaría (método, ruta, cuerpo) y no envía nada
cli-listing-update-arg-all_twins = Con --price: el mismo precio para cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd
cli-listing-update-arg-force = Con --all-twins: envía el precio de un gemelo aunque cambie más que apply.max_change (20%)
cli-listing-create-about = Publica un anuncio nuevo desde un archivo JSON con la forma del marketplace (POST)
cli-listing-create-arg-marketplace = Dónde publicar
cli-listing-create-arg-from_file = El anuncio como JSON con la forma del marketplace (docs/cli.md); '-' lee stdin
cli-listing-create-arg-dry_run = Imprime la solicitud que se enviaría y no envía nada
cli-listing-remove-about = Retira un anuncio (DELETE en OLX; estado 'removed' en Inmuebles24 y Autofact)
cli-listing-remove-arg-listing = El anuncio, como <marketplace>:<id> (vea 'treevu listings'); '-' lo lee de stdin
cli-listing-remove-arg-yes = No pide confirmación
cli-listing-remove-arg-dry_run = Imprime la solicitud que se enviaría y no envía nada
cli-crosslist-about = Publica anuncios en otros marketplaces (casas: Inmuebles24 <-> OLX; autos: Autofact <-> OLX), vinculados como gemelos
cli-crosslist-arg-listings = Anuncios a publicar en otro lugar, como <marketplace>:<id>; '-' los lee de stdin
cli-crosslist-arg-to = Dónde publicarlos (casas: inmuebles24, olx; autos: autofact, olx); repita para varios
cli-crosslist-arg-set = Un campo que el destino necesita y el origen no tiene, o un valor a usar en su lugar (p. ej. address="Av. Larco 1150")
cli-crosslist-arg-dry_run = Imprime las solicitudes que se enviarían y no envía nada
cli-crosslist-arg-yes = No pide confirmación
cli-leads-about = Consultas de Inmuebles24: quién preguntó por sus inmuebles
cli-leads-arg-listings = Solo consultas de estos anuncios de Inmuebles24 (inmuebles24:<id>); '-' lee los ids de stdin
cli-leads-arg-offline = Muestra solo lo guardado; no trae consultas nuevas de los anuncios indicados
cli-conversations-about = Conversaciones de OLX: los chats de compradores sobre sus anuncios
cli-conversations-arg-listings = Solo conversaciones sobre estos anuncios de OLX (olx:<id>); '-' lee los ids de stdin
cli-conversations-arg-unread = Solo conversaciones con mensajes sin leer
cli-report-about = Su cartera de un vistazo, ordenada por lo que hay que hacer (--html para un archivo con gráficos)
cli-report-arg-html = Escribe además el informe como un archivo HTML autónomo con gráficos
cli-report-arg-limit = Filas del ranking mostradas en la terminal (JSON y HTML tienen más)
cli-twins-about = Artículos publicados en más de un marketplace: grupos, evidencia, vínculos, política de retiro, estadísticas
cli-twins-arg-stats = Compara las vistas, contactos (consultas) y favoritos por día de cada artículo en sus marketplaces
cli-twins-link-about = Vincula dos anuncios como un solo artículo (la detección no los vio, o usted lo sabe mejor)
cli-twins-link-arg-a = Un anuncio, como <marketplace>:<id> (vea 'treevu listings')
cli-twins-link-arg-b = Su gemelo en otro marketplace
cli-twins-unlink-about = Desvincula dos anuncios que no son un mismo artículo; la detección no los volverá a vincular
cli-twins-unlink-arg-a = Un anuncio, como <marketplace>:<id>
cli-twins-unlink-arg-b = El anuncio al que estaba vinculado
cli-twins-policy-about = Muestra o fija qué hace una sincronización cuando se vende un gemelo: off, ask (imprime los comandos) o auto
cli-twins-policy-arg-policy = off: nada; ask: imprime los comandos que retiran los otros gemelos; auto: los retira
cli-sandbox-about = Ejecuta el sandbox de marketplaces incorporado (las tres API en loopback)
cli-sandbox-serve-about = Sirve OLX, Inmuebles24 y Autofact en 127.0.0.1 hasta Ctrl-C
cli-sandbox-serve-arg-port = Puerto en 127.0.0.1 (0: cualquier puerto libre)
cli-sandbox-serve-arg-seed = Semilla de los datos generados: la misma semilla sirve los mismos registros byte a byte
cli-sandbox-serve-arg-listings = Anuncios del comerciante de demostración por marketplace
cli-sandbox-serve-arg-market = Anuncios de otros vendedores detrás de los endpoints de mercado
cli-sandbox-serve-arg-latency_ms = Demora añadida a cada respuesta del marketplace, en milisegundos
cli-sandbox-serve-arg-error_rate = Proporción de respuestas de la API que fallan con 500/502/503 (de 0 a 1)
cli-sandbox-serve-arg-malformed_rate = Proporción de registros del comerciante servidos rompiendo la validación de la especificación (de 0 a 1)
cli-sandbox-serve-arg-rate_limit = Solicitudes por ventana y cuenta, para los tres marketplaces [por defecto: los límites horarios de la especificación]
cli-sandbox-serve-arg-rate_window_secs = Duración de una ventana de límite de solicitudes en segundos [por defecto: 3600]
cli-sandbox-serve-arg-auto_approve = Aprueba las autorizaciones OAuth de inmediato, sin la página de consentimiento
cli-sandbox-serve-arg-churn = Mueve el mercado entre llamadas: interacción, precios, ventas, retiros, anuncios nuevos
cli-sandbox-serve-arg-token_ttl_secs = Vida de los tokens de acceso, en segundos
cli-sandbox-serve-arg-live_dates = Fecha los anuncios generados a hoy en lugar de un día fijo (un mercado que parece vivo; la misma semilla da los mismos datos solo el mismo día)
cli-sandbox-serve-arg-client_auth = Cómo autentican la app los endpoints de token OAuth: público (solo PKCE), o un cliente confidencial por HTTP Basic o con el secreto en el formulario, como hacen los servidores de producción
cli-demo-about = Pruebe treevu de punta a punta contra el sandbox incorporado: conexión, sincronización, precios, análisis
cli-demo-arg-keep = Conserva el directorio de datos de la demostración (su base de datos) en lugar de borrarlo al salir
cli-demo-arg-listings = Anuncios del comerciante de demostración por marketplace
cli-completions-about = Imprime un script de autocompletado para la shell (bash, zsh, fish, powershell, elvish)
cli-completions-arg-shell = La shell para la que completar

man-section-name = NOMBRE
man-section-synopsis = SINOPSIS
man-section-description = DESCRIPCIÓN
man-section-options = OPCIONES
man-section-subcommands = SUBCOMANDOS
man-section-version = VERSIÓN
man-section-authors = AUTORES
man-section-extra = EXTRA

# connect: las líneas de estado del inicio de sesión.
connect-open-address = Para conectar { $marketplace }, abra esta dirección en un navegador:
connect-browser-opened = Se abrió su navegador.
connect-browser-skipped = No se abre un navegador ({ $why }).
connect-browser-failed = nota: no se pudo abrir un navegador ({ $error }); abra la dirección usted mismo.
connect-waiting = Se espera la aprobación hasta { $seconds } s.{ $paste ->
        [yes] {" "}Si el navegador está en otra máquina, pegue aquí la dirección a la que fue enviado (empieza con http://127.0.0.1) y presione Enter.
       *[no] {""}
    }
connect-ignored-path = se ignoró una solicitud de { $path }
connect-forged-callback = se ignoró una respuesta cuyo estado no coincide con este inicio de sesión; se sigue esperando
connect-paste-refused = { $why }; se sigue esperando
connect-paste-closed = stdin cerrado; solo se espera la respuesta del navegador
connect-approval = Aprobación recibida { $via ->
        [paste] de la dirección pegada
       *[browser] del navegador
    }; terminando…
connect-checking-key = Verificando la clave con Autofact…
connect-connected = { $marketplace } conectado como { $who ->
        [named] { $name } (usuario { $user })
        [user] usuario { $user }
       *[key] su clave de API
    }. Secreto guardado en el almacén { $store } ({ $secret_ref }).
connect-env-wins = { $variable } está definida y prevalece sobre el secreto guardado hasta que la quite

# treevu merchants (solo PostgreSQL)
merchants-needs-postgres = 'treevu merchants' necesita el almacén PostgreSQL: pase --database-url o defina TREEVU_DATABASE_URL. Con un archivo SQLite cada comerciante es un perfil: vea 'treevu profiles'
merchants-none = Aún no hay comerciantes; agregue uno con 'treevu merchants add NOMBRE'.
merchants-exists = ya existe un comerciante llamado { $name }
merchants-unknown = no hay ningún comerciante llamado { $name }; vea 'treevu merchants list'
merchants-added = Comerciante { $name } agregado.
merchants-remove-question = ¿Eliminar el comerciante { $name } y todos sus datos?
merchants-remove-needs-yes = no se elimina el comerciante { $name } sin confirmación, y stdin no es una terminal donde preguntar; pase --yes para confirmar
merchants-remove-cancelled = Cancelado; no se eliminó nada.
merchants-removed = Comerciante { $name } eliminado ({ $rows } filas).

# treevu operator (solo PostgreSQL)
operator-needs-postgres = 'treevu operator' necesita el almacén PostgreSQL: pase --database-url o defina TREEVU_DATABASE_URL. Un perfil SQLite guarda sus secretos en el llavero del sistema o en secrets.enc
operator-status-needs-postgres = 'treevu operator status' necesita el almacén PostgreSQL: pase --database-url o defina TREEVU_DATABASE_URL. Un perfil SQLite es un solo comerciante: vea 'treevu sync status' y 'treevu auth status' para sus cuentas
operator-status-none = Aún no hay cuentas: agregue un comerciante con 'treevu merchants add NOMBRE' y luego 'treevu --profile NOMBRE connect MARKETPLACE'.
operator-state-due = pendiente
operator-state-running = en curso
operator-state-waiting = en espera
operator-state-failing = con fallas
operator-state-needs-reconnect = debe reconectarse
operator-rotated = { $resealed ->
        [one] Se volvió a cifrar { $resealed } secreto
       *[other] Se volvieron a cifrar { $resealed } secretos
    } con la nueva clave de operador ({ $already } ya la usaban).
operator-rotated-next = La clave anterior ya no los abre: apunte TREEVU_OPERATOR_KEY_FILE o TREEVU_OPERATOR_KEY_COMMAND a la nueva clave en cada lugar donde corre treevu y luego retire la anterior.

# treevu worker (solo PostgreSQL)
worker-needs-postgres = 'treevu worker' necesita el almacén PostgreSQL: pase --database-url o defina TREEVU_DATABASE_URL. Con un archivo SQLite use 'treevu watch' o 'treevu sync --due'
worker-claimed = { $merchant }: { $marketplace }: sincronizando
worker-synced = { $merchant }: { $marketplace }: { $outcome }, { $new } nuevos
worker-failed = { $merchant }: { $marketplace }: { $error }
worker-nothing-due = no hay nada pendiente
worker-stopped = detenido; se liberaron las cuentas tomadas
worker-interrupted = { $merchant }: { $marketplace }: detenido con { $fetched } anuncios guardados; vuelve a estar pendiente ya y continúa desde su punto de control
worker-leases-lost = { $count ->
    [one] la concesión de una cuenta venció y otro worker la tomó antes de que terminara su sincronización
   *[other] las concesiones de { $count } cuentas vencieron y otros workers las tomaron antes de que terminaran sus sincronizaciones
}

# La línea de comandos rechazada al leerla (los errores de clap, redactados aquí).
parse-tip = sugerencia:
parse-more = Para más información, pruebe '{ $flag }'.
parse-unknown-argument = argumento inesperado '{ $arg }'
parse-unknown-subcommand = subcomando desconocido '{ $arg }'
parse-invalid-value = valor no válido '{ $value }' para '{ $arg }'
parse-value-missing = '{ $arg }' necesita un valor y no se dio ninguno
parse-possible-values = [valores posibles: { $values }]
parse-subcommands = [subcomandos: { $values }]
parse-value-refused = valor no válido '{ $value }' para '{ $arg }': { $why }
parse-no-equals = hace falta un signo igual para dar un valor a '{ $arg }'
parse-used-twice = el argumento '{ $arg }' no se puede usar más de una vez
parse-conflict = el argumento '{ $arg }' no se puede usar junto con { $others }
parse-conflict-others = uno o más de los otros argumentos dados
parse-missing-required = faltan estos argumentos obligatorios:
parse-missing-subcommand = '{ $command }' necesita un subcomando y no se dio ninguno
parse-too-many-values = valor inesperado '{ $value }' para '{ $arg }'; no se esperaban más
parse-too-few-values = '{ $arg }' necesita { $min } valores; { $actual ->
    [one] solo se dio { $actual }
   *[other] solo se dieron { $actual }
}
parse-wrong-number = '{ $arg }' necesita { $expected } valores, pero { $actual ->
    [one] se dio { $actual }
   *[other] se dieron { $actual }
}
parse-invalid-utf8 = uno o más argumentos no son UTF-8 válido
parse-similar-subcommand = { $count ->
    [one] existe un subcomando parecido: { $names }
   *[other] existen subcomandos parecidos: { $names }
}
parse-similar-argument = { $count ->
    [one] existe un argumento parecido: { $names }
   *[other] existen argumentos parecidos: { $names }
}
parse-similar-value = { $count ->
    [one] existe un valor parecido: { $names }
   *[other] existen valores parecidos: { $names }
}
parse-as-value = para pasar '{ $arg }' como valor, use '{ $fix }'
parse-remove-dashes = el subcomando '{ $command }' existe; para usarlo, quite el '--' que va delante
parse-flag-exists = existe '{ $flag }'
parse-why-between = { $value } no está entre { $low } y { $high }
parse-why-at-least = { $value } es menor que { $low }
parse-why-at-most = { $value } es mayor que { $high }
parse-why-not-integer = '{ $value }' no es un número entero
parse-why-too-large = { $value } es demasiado grande
parse-why-not-number = '{ $value }' no es un número
parse-why-share = '{ $value }' no es una proporción de 0 a 1 (p. ej. 0.2)
parse-why-policy = se esperaba off, ask o auto
parse-why-marketplace = se esperaba olx, inmuebles24 o autofact
