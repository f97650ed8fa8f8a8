# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_treevu_global_optspecs
    string join \n db= database-url= config= profile= json format= q/quiet v/verbose no-color lang= exact-cells h/help V/version
end

function __fish_treevu_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_treevu_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_treevu_using_subcommand
    set -l cmd (__fish_treevu_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c treevu -n "__fish_treevu_needs_command" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_needs_command" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_needs_command" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_needs_command" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_needs_command" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_needs_command" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_needs_command" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_needs_command" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_needs_command" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_needs_command" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_needs_command" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_needs_command" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_needs_command" -s V -l version -d 'Muestra la versión'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "connect" -d 'Conecte una cuenta de marketplace: inicie sesión (OLX, Inmuebles24) o entregue la clave de API (Autofact)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "auth" -d 'Cuentas conectadas: estado, token actual para scripts, cierre de sesión'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "profiles" -d 'Lista los perfiles de comerciante y dónde están sus datos'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "merchants" -d 'Comerciantes de un almacén PostgreSQL (--database-url): listar, agregar, eliminar'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "operator" -d 'El operador de un almacén PostgreSQL (--database-url): el estado de cada cuenta y rotar la clave de los secretos guardados'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "sync" -d 'Trae anuncios, estadísticas, consultas y conversaciones al almacén local'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "schedule" -d 'Imprime la línea de crontab o las unidades de systemd que ejecutan \'treevu sync --due\''
complete -c treevu -n "__fish_treevu_needs_command" -f -a "watch" -d 'Se queda en primer plano y sincroniza cada cuenta cuando le toca'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "worker" -d 'Sincroniza las cuentas pendientes de todos los comerciantes de un almacén PostgreSQL (--database-url), junto con otros workers'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "recommend" -d 'El precio a pedir por anuncios sincronizados: precio recomendado, rango, confianza y por qué'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "estimate" -d 'Pone precio a casas y autos que aún no están publicados, frente al pool de mercado'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "market" -d 'Comparables de mercado: importe archivos CSV, analice un anuncio frente a su mercado'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "valuation" -d 'El valor de un auto calculado localmente, con el aporte de cada factor'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "readiness" -d 'Puntaje de disposición del comprador (0-100, caliente/tibio/frío) de anuncios sincronizados'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "forecast" -d 'Contactos esperados y tiempo hasta la venta de anuncios sincronizados'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "backtest" -d 'Mide la precisión de precios de treevu sobre el pool (k-fold) o un archivo etiquetado'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "listings" -d 'Muestra los anuncios guardados localmente (de \'treevu sync\')'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "listing" -d 'Cambia, publica o retira un anuncio en su marketplace'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "crosslist" -d 'Publica anuncios en otros marketplaces (casas: Inmuebles24 <-> OLX; autos: Autofact <-> OLX), vinculados como gemelos'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "leads" -d 'Consultas de Inmuebles24: quién preguntó por sus inmuebles'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "conversations" -d 'Conversaciones de OLX: los chats de compradores sobre sus anuncios'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "report" -d 'Su cartera de un vistazo, ordenada por lo que hay que hacer (--html para un archivo con gráficos)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "twins" -d 'Artículos publicados en más de un marketplace: grupos, evidencia, vínculos, política de retiro, estadísticas'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "sandbox" -d 'Ejecuta el sandbox de marketplaces incorporado (las tres API en loopback)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "demo" -d 'Pruebe treevu de punta a punta contra el sandbox incorporado: conexión, sincronización, precios, análisis'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "completions" -d 'Imprime un script de autocompletado para la shell (bash, zsh, fish, powershell, elvish)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "generate-docs" -d 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)'
complete -c treevu -n "__fish_treevu_needs_command" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l port -d 'Puerto del servidor local de retorno en 127.0.0.1 [por defecto: cualquier puerto libre]' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l timeout -d 'Segundos de espera al navegador [por defecto: 300]' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l no-browser -d 'No abre un navegador; imprime la dirección para abrirla en otro lugar (también por SSH o sin pantalla)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l api-key-stdin -d 'Autofact: lee la clave de API de la primera línea de stdin en lugar de pedirla oculta'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand connect" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "status" -d 'Qué cuentas están conectadas, desde dónde y si alguna lo necesita a usted (sale con 1 si es así)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "token" -d 'Imprime el token de acceso actual (o la clave de Autofact) para scripts, renovándolo si toca'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "logout" -d 'Olvida el secreto guardado; lo revoca en el marketplace cuando su API lo permite'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "llm-key" -d 'Guarda en el almacén de secretos la clave de API del LLM detrás de \'recommend --explain\''
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "client-secret" -d 'Guarda en el almacén de secretos el secreto de cliente OAuth de la app (servidores que piden un cliente confidencial)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and not __fish_seen_subcommand_from status token logout llm-key client-secret help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from status" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from token" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from logout" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l stdin -d 'Lee la clave de la primera línea de stdin en lugar de pedirla oculta'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l delete -d 'En su lugar, olvida la clave guardada'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from llm-key" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l stdin -d 'Lee el secreto de la primera línea de stdin en lugar de pedirlo oculto'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l delete -d 'En su lugar, olvida el secreto guardado (treevu vuelve a ser un cliente público)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from client-secret" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand auth; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand profiles" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'Cada comerciante: cuentas, última sincronización, creación'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Agrega un comerciante (un nombre como los de perfil: letras, dígitos, - y _)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Elimina un comerciante y todos sus datos, tras confirmación'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from list" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from add" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s y -l yes -d 'No pide confirmación'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from remove" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand merchants; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -f -a "status" -d 'Cada cuenta de cada comerciante: pendiente, en curso, en espera, con fallas o por reconectar; última ejecución, último error y presupuesto usado esta hora'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -f -a "rotate-key" -d 'Vuelve a cifrar los secretos de cada comerciante con una nueva clave de operador, en una sola transacción'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and not __fish_seen_subcommand_from status rotate-key help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from status" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l new-key-file -d 'La nueva clave: un archivo (modo 600) con 32 bytes aleatorios en base64' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from rotate-key" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand operator; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l max-wait -d 'Espera máxima a que se reinicie la ventana horaria de solicitudes antes de detenerse con un punto de control [por defecto: 120]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l concurrency -d 'Páginas descargadas a la vez [por defecto: 4]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l all -d 'Cada cuenta conectada'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l full -d 'Ignora el cursor incremental: trae todo y marca como retirado lo que desapareció'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l due -d 'Solo las cuentas cuyo intervalo de sincronización ya pasó (para cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l all-profiles -d 'Cada perfil de comerciante por turno, cada uno dentro de sus propios cupos'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l wait -d 'Si otro treevu está sincronizando la misma cuenta, lo espera en lugar de salir con el código 5'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -a "status" -d 'Por cuenta: la última ejecución, su resultado y cifras, el cupo restante y cuándo toca la siguiente'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and not __fish_seen_subcommand_from status help" -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from status" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand sync; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l every -d 'Minutos entre revisiones; cada cuenta se sincroniza solo cuando pasó su intervalo [por defecto: 30]' -r
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l cron -d 'Una línea de crontab (por defecto)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l systemd -d 'Un servicio y un temporizador de usuario de systemd'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand schedule" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l check-every -d 'Segundos entre revisiones de las cuentas pendientes [por defecto: 60]' -r
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand watch" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l concurrency -d 'Cuentas sincronizadas a la vez [por defecto: 2]' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l lease-seconds -d 'Cuánto tiempo una cuenta tomada sigue siendo de este worker sin renovarla [por defecto: 60]' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l once -d 'Sincroniza lo pendiente ahora y termina (código distinto de cero si una cuenta falló)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand worker" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l apply -d 'Envía el precio recomendado al marketplace (muestra anterior → nuevo y pregunta antes)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s y -l yes -d 'Con --apply: no pide confirmación'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l dry-run -d 'Con --apply: muestra la solicitud que se enviaría y no envía nada'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l force -d 'Con --apply: envía un precio que cambia más que apply.max_change (20%) o cuya confianza está bajo apply.min_confidence (40%)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l all-twins -d 'Con --apply: envía el precio también a cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l explain -d 'Pide al LLM configurado (TREEVU_LLM_URL, TREEVU_LLM_MODEL) que explique cada precio en el idioma elegido; las cifras de treevu se mantienen'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand recommend" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l kind -d 'Qué tasar (con --input, se reconoce por las columnas del archivo si no se indica) [valores posibles: property, vehicle]' -r -f -a "property\t''
vehicle\t''"
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l input -d 'Un CSV de artículos (columnas como en docs/pricing.md; una columna de precio se ignora); un resultado por fila, en orden' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l id -d 'Id que se muestra en el resultado [por defecto: item]' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l operation -d 'sale (venta) o rent (alquiler)' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l property-type -d 'apartment, house, land o commercial' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l district -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l zone -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l area -d 'Área total en m²' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l bedrooms -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l bathrooms -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l parking -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l brand -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l model -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l year -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l mileage -d 'Kilometraje en km' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l transmission -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l fuel-type -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l condition -d 'excellent, good, fair o poor' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l title -d 'Título del anuncio (cuentan palabras como "estreno" o "vista al mar")' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l currency -d 'Moneda de la respuesta (por defecto: PEN para inmuebles, USD para vehículos)' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand estimate" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "import" -d 'Carga comparables de mercado desde un archivo CSV (idempotente por id: una reimportación actualiza)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "analyze" -d 'Compara un anuncio sincronizado con su mercado: precio mediano y medio, precio por m², posición, tendencia, comparables'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "facts" -d 'Regenera las cifras de mercado incorporadas (agregados, nunca filas) a partir de archivos de mercado'
complete -c treevu -n "__fish_treevu_using_subcommand market; and not __fish_seen_subcommand_from import analyze facts help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l kind -d 'Qué contiene el archivo (se reconoce por sus columnas si no se indica) [valores posibles: property, vehicle]' -r -f -a "property\t''
vehicle\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from import" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from analyze" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l properties -d 'Archivo de casas (columnas de lima-properties.csv)' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l vehicles -d 'Archivo de autos (columnas de vehicles.csv): las filas de Lima dan los niveles, las demás solo la curva de antigüedad' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l out -d 'Escribe la tabla aquí (por defecto: stdout); crates/pricing/src/lima_facts.json es la que se compila' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from facts" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand market; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand valuation" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand readiness" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand forecast" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l kind -d 'Qué pool probar [valores posibles: property, vehicle]' -r -f -a "property\t''
vehicle\t''"
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l input -d 'Un CSV etiquetado (con precios) para tasar frente al pool, en lugar de k-fold sobre el pool' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l folds -d 'Particiones de la validación cruzada sobre el pool [por defecto: 5]' -r
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand backtest" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s m -l marketplace -d 'Solo este marketplace' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s s -l status -d 'Solo anuncios con este estado (active, sold, rented, removed)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l all -d 'Incluye anuncios que ya no se encuentran en el marketplace'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand listings" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "update" -d 'Cambia el precio, título, descripción o estado de un anuncio en su marketplace (PUT)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "create" -d 'Publica un anuncio nuevo desde un archivo JSON con la forma del marketplace (POST)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "remove" -d 'Retira un anuncio (DELETE en OLX; estado \'removed\' en Inmuebles24 y Autofact)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and not __fish_seen_subcommand_from update create remove help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l price -d 'Precio nuevo en la moneda del anuncio, p. ej. 285000 o 285,000.50' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l title -d 'Título nuevo (de 5 a 255 caracteres)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l description -d 'Descripción nueva (OLX e Inmuebles24)' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l status -d 'Estado nuevo [valores posibles: active, sold, rented, removed]' -r -f -a "active\t''
sold\t''
rented\t''
removed\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s y -l yes -d 'No pide confirmación'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l dry-run -d 'Imprime la solicitud que se enviaría (método, ruta, cuerpo) y no envía nada'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l all-twins -d 'Con --price: el mismo precio para cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l force -d 'Con --all-twins: envía el precio de un gemelo aunque cambie más que apply.max_change (20%)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from update" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s m -l marketplace -d 'Dónde publicar' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l from-file -d 'El anuncio como JSON con la forma del marketplace (docs/cli.md); \'-\' lee stdin' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l dry-run -d 'Imprime la solicitud que se enviaría y no envía nada'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from create" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s y -l yes -d 'No pide confirmación'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l dry-run -d 'Imprime la solicitud que se enviaría y no envía nada'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from remove" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand listing; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l to -d 'Dónde publicarlos (casas: inmuebles24, olx; autos: autofact, olx); repita para varios' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l set -d 'Un campo que el destino necesita y el origen no tiene, o un valor a usar en su lugar (p. ej. address="Av. Larco 1150")' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l dry-run -d 'Imprime las solicitudes que se enviarían y no envía nada'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s y -l yes -d 'No pide confirmación'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand crosslist" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l offline -d 'Muestra solo lo guardado; no trae consultas nuevas de los anuncios indicados'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand leads" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l unread -d 'Solo conversaciones con mensajes sin leer'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand conversations" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l html -d 'Escribe además el informe como un archivo HTML autónomo con gráficos' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand report" -l limit -d 'Filas del ranking mostradas en la terminal (JSON y HTML tienen más) [por defecto: 15]' -r
complete -c treevu -n "__fish_treevu_using_subcommand report" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand report" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand report" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand report" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand report" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand report" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand report" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand report" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand report" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l stats -d 'Compara las vistas, contactos (consultas) y favoritos por día de cada artículo en sus marketplaces'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "link" -d 'Vincula dos anuncios como un solo artículo (la detección no los vio, o usted lo sabe mejor)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "unlink" -d 'Desvincula dos anuncios que no son un mismo artículo; la detección no los volverá a vincular'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "policy" -d 'Muestra o fija qué hace una sincronización cuando se vende un gemelo: off, ask (imprime los comandos) o auto'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and not __fish_seen_subcommand_from link unlink policy help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from link" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from unlink" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from policy" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand twins; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Sirve OLX, Inmuebles24 y Autofact en 127.0.0.1 hasta Ctrl-C'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Muestra este mensaje o la ayuda de los subcomandos dados'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'Puerto en 127.0.0.1 (0: cualquier puerto libre) [por defecto: 0]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Semilla de los datos generados: la misma semilla sirve los mismos registros byte a byte [por defecto: 42]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l listings -d 'Anuncios del comerciante de demostración por marketplace [por defecto: 36]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l market -d 'Anuncios de otros vendedores detrás de los endpoints de mercado [por defecto: 3000]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency-ms -d 'Demora añadida a cada respuesta del marketplace, en milisegundos [por defecto: 0]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l error-rate -d 'Proporción de respuestas de la API que fallan con 500/502/503 (de 0 a 1) [por defecto: 0]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l malformed-rate -d 'Proporción de registros del comerciante servidos rompiendo la validación de la especificación (de 0 a 1) [por defecto: 0]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Solicitudes por ventana y cuenta, para los tres marketplaces [por defecto: los límites horarios de la especificación]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-window-secs -d 'Duración de una ventana de límite de solicitudes en segundos [por defecto: 3600]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l token-ttl-secs -d 'Vida de los tokens de acceso, en segundos [por defecto: 3600]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l client-auth -d 'Cómo autentican la app los endpoints de token OAuth: público (solo PKCE), o un cliente confidencial por HTTP Basic o con el secreto en el formulario, como hacen los servidores de producción [por defecto: public] [valores posibles: public, basic, post]' -r -f -a "public\t'A public client: `client_id` in the form; PKCE proves the rest'
basic\t'A confidential client with HTTP Basic (`client_secret_basic`)'
post\t'A confidential client with the secret in the form (`client_secret_post`)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l auto-approve -d 'Aprueba las autorizaciones OAuth de inmediato, sin la página de consentimiento'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l churn -d 'Mueve el mercado entre llamadas: interacción, precios, ventas, retiros, anuncios nuevos'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l live-dates -d 'Fecha los anuncios generados a hoy en lugar de un día fijo (un mercado que parece vivo; la misma semilla da los mismos datos solo el mismo día)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand sandbox; and __fish_seen_subcommand_from help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l listings -d 'Anuncios del comerciante de demostración por marketplace [por defecto: 24]' -r
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l keep -d 'Conserva el directorio de datos de la demostración (su base de datos) en lugar de borrarlo al salir'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand demo" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand completions" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l out -d 'The repository root to write into [por defecto: .]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand generate-docs" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
complete -c treevu -n "__fish_treevu_using_subcommand help" -l db -d 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db] [variable de entorno: TREEVU_DB]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand help" -l database-url -d 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante) [variable de entorno: TREEVU_DATABASE_URL]' -r
complete -c treevu -n "__fish_treevu_using_subcommand help" -l config -d 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml] [variable de entorno: TREEVU_CONFIG]' -r -F
complete -c treevu -n "__fish_treevu_using_subcommand help" -l profile -d 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante [variable de entorno: TREEVU_PROFILE]' -r
complete -c treevu -n "__fish_treevu_using_subcommand help" -l format -d 'Formato de los datos en stdout [valores posibles: table, json, jsonl, csv, tsv]' -r -f -a "table\t''
json\t''
jsonl\t''
csv\t''
tsv\t''"
complete -c treevu -n "__fish_treevu_using_subcommand help" -l lang -d 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional] [valores posibles: en, es]' -r -f -a "en\t'English'
es\t'Spanish (Peru)'"
complete -c treevu -n "__fish_treevu_using_subcommand help" -s h -l help -d 'Muestra la ayuda'
complete -c treevu -n "__fish_treevu_using_subcommand help" -l json -d 'Imprime los datos como un documento JSON (igual que --format json)'
complete -c treevu -n "__fish_treevu_using_subcommand help" -s q -l quiet -d 'Solo errores y avisos en stderr'
complete -c treevu -n "__fish_treevu_using_subcommand help" -s v -l verbose -d 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)'
complete -c treevu -n "__fish_treevu_using_subcommand help" -l no-color -d 'Sin color (también con NO_COLOR definido)'
complete -c treevu -n "__fish_treevu_using_subcommand help" -l exact-cells -d 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un \' delante)'
