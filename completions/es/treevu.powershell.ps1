
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'treevu' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'treevu'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'treevu' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Muestra la versión')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Muestra la versión')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Conecte una cuenta de marketplace: inicie sesión (OLX, Inmuebles24) o entregue la clave de API (Autofact)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Cuentas conectadas: estado, token actual para scripts, cierre de sesión')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Lista los perfiles de comerciante y dónde están sus datos')
            [CompletionResult]::new('merchants', 'merchants', [CompletionResultType]::ParameterValue, 'Comerciantes de un almacén PostgreSQL (--database-url): listar, agregar, eliminar')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'El operador de un almacén PostgreSQL (--database-url): el estado de cada cuenta y rotar la clave de los secretos guardados')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Trae anuncios, estadísticas, consultas y conversaciones al almacén local')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Imprime la línea de crontab o las unidades de systemd que ejecutan ''treevu sync --due''')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Se queda en primer plano y sincroniza cada cuenta cuando le toca')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Sincroniza las cuentas pendientes de todos los comerciantes de un almacén PostgreSQL (--database-url), junto con otros workers')
            [CompletionResult]::new('recommend', 'recommend', [CompletionResultType]::ParameterValue, 'El precio a pedir por anuncios sincronizados: precio recomendado, rango, confianza y por qué')
            [CompletionResult]::new('estimate', 'estimate', [CompletionResultType]::ParameterValue, 'Pone precio a casas y autos que aún no están publicados, frente al pool de mercado')
            [CompletionResult]::new('market', 'market', [CompletionResultType]::ParameterValue, 'Comparables de mercado: importe archivos CSV, analice un anuncio frente a su mercado')
            [CompletionResult]::new('valuation', 'valuation', [CompletionResultType]::ParameterValue, 'El valor de un auto calculado localmente, con el aporte de cada factor')
            [CompletionResult]::new('readiness', 'readiness', [CompletionResultType]::ParameterValue, 'Puntaje de disposición del comprador (0-100, caliente/tibio/frío) de anuncios sincronizados')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'Contactos esperados y tiempo hasta la venta de anuncios sincronizados')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Mide la precisión de precios de treevu sobre el pool (k-fold) o un archivo etiquetado')
            [CompletionResult]::new('listings', 'listings', [CompletionResultType]::ParameterValue, 'Muestra los anuncios guardados localmente (de ''treevu sync'')')
            [CompletionResult]::new('listing', 'listing', [CompletionResultType]::ParameterValue, 'Cambia, publica o retira un anuncio en su marketplace')
            [CompletionResult]::new('crosslist', 'crosslist', [CompletionResultType]::ParameterValue, 'Publica anuncios en otros marketplaces (casas: Inmuebles24 <-> OLX; autos: Autofact <-> OLX), vinculados como gemelos')
            [CompletionResult]::new('leads', 'leads', [CompletionResultType]::ParameterValue, 'Consultas de Inmuebles24: quién preguntó por sus inmuebles')
            [CompletionResult]::new('conversations', 'conversations', [CompletionResultType]::ParameterValue, 'Conversaciones de OLX: los chats de compradores sobre sus anuncios')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Su cartera de un vistazo, ordenada por lo que hay que hacer (--html para un archivo con gráficos)')
            [CompletionResult]::new('twins', 'twins', [CompletionResultType]::ParameterValue, 'Artículos publicados en más de un marketplace: grupos, evidencia, vínculos, política de retiro, estadísticas')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Ejecuta el sandbox de marketplaces incorporado (las tres API en loopback)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Pruebe treevu de punta a punta contra el sandbox incorporado: conexión, sincronización, precios, análisis')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Imprime un script de autocompletado para la shell (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;connect' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Puerto del servidor local de retorno en 127.0.0.1 [por defecto: cualquier puerto libre]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Segundos de espera al navegador')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'No abre un navegador; imprime la dirección para abrirla en otro lugar (también por SSH o sin pantalla)')
            [CompletionResult]::new('--api-key-stdin', '--api-key-stdin', [CompletionResultType]::ParameterName, 'Autofact: lee la clave de API de la primera línea de stdin en lugar de pedirla oculta')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;auth' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Qué cuentas están conectadas, desde dónde y si alguna lo necesita a usted (sale con 1 si es así)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Imprime el token de acceso actual (o la clave de Autofact) para scripts, renovándolo si toca')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Olvida el secreto guardado; lo revoca en el marketplace cuando su API lo permite')
            [CompletionResult]::new('llm-key', 'llm-key', [CompletionResultType]::ParameterValue, 'Guarda en el almacén de secretos la clave de API del LLM detrás de ''recommend --explain''')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Guarda en el almacén de secretos el secreto de cliente OAuth de la app (servidores que piden un cliente confidencial)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;auth;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;auth;token' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;auth;logout' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;auth;llm-key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Lee la clave de la primera línea de stdin en lugar de pedirla oculta')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'En su lugar, olvida la clave guardada')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;auth;client-secret' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Lee el secreto de la primera línea de stdin en lugar de pedirlo oculto')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'En su lugar, olvida el secreto guardado (treevu vuelve a ser un cliente público)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Qué cuentas están conectadas, desde dónde y si alguna lo necesita a usted (sale con 1 si es así)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Imprime el token de acceso actual (o la clave de Autofact) para scripts, renovándolo si toca')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Olvida el secreto guardado; lo revoca en el marketplace cuando su API lo permite')
            [CompletionResult]::new('llm-key', 'llm-key', [CompletionResultType]::ParameterValue, 'Guarda en el almacén de secretos la clave de API del LLM detrás de ''recommend --explain''')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Guarda en el almacén de secretos el secreto de cliente OAuth de la app (servidores que piden un cliente confidencial)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;auth;help;status' {
            break
        }
        'treevu;auth;help;token' {
            break
        }
        'treevu;auth;help;logout' {
            break
        }
        'treevu;auth;help;llm-key' {
            break
        }
        'treevu;auth;help;client-secret' {
            break
        }
        'treevu;auth;help;help' {
            break
        }
        'treevu;profiles' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;merchants' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Cada comerciante: cuentas, última sincronización, creación')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Agrega un comerciante (un nombre como los de perfil: letras, dígitos, - y _)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Elimina un comerciante y todos sus datos, tras confirmación')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;merchants;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;merchants;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;merchants;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;merchants;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Cada comerciante: cuentas, última sincronización, creación')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Agrega un comerciante (un nombre como los de perfil: letras, dígitos, - y _)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Elimina un comerciante y todos sus datos, tras confirmación')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;merchants;help;list' {
            break
        }
        'treevu;merchants;help;add' {
            break
        }
        'treevu;merchants;help;remove' {
            break
        }
        'treevu;merchants;help;help' {
            break
        }
        'treevu;operator' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Cada cuenta de cada comerciante: pendiente, en curso, en espera, con fallas o por reconectar; última ejecución, último error y presupuesto usado esta hora')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Vuelve a cifrar los secretos de cada comerciante con una nueva clave de operador, en una sola transacción')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;operator;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;operator;rotate-key' {
            [CompletionResult]::new('--new-key-file', '--new-key-file', [CompletionResultType]::ParameterName, 'La nueva clave: un archivo (modo 600) con 32 bytes aleatorios en base64')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;operator;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Cada cuenta de cada comerciante: pendiente, en curso, en espera, con fallas o por reconectar; última ejecución, último error y presupuesto usado esta hora')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Vuelve a cifrar los secretos de cada comerciante con una nueva clave de operador, en una sola transacción')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;operator;help;status' {
            break
        }
        'treevu;operator;help;rotate-key' {
            break
        }
        'treevu;operator;help;help' {
            break
        }
        'treevu;sync' {
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Espera máxima a que se reinicie la ventana horaria de solicitudes antes de detenerse con un punto de control')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Páginas descargadas a la vez')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Cada cuenta conectada')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Ignora el cursor incremental: trae todo y marca como retirado lo que desapareció')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Solo las cuentas cuyo intervalo de sincronización ya pasó (para cron: OLX 6 h, Inmuebles24 12 h, Autofact 8 h)')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Cada perfil de comerciante por turno, cada uno dentro de sus propios cupos')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Si otro treevu está sincronizando la misma cuenta, lo espera en lugar de salir con el código 5')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Por cuenta: la última ejecución, su resultado y cifras, el cupo restante y cuándo toca la siguiente')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sync;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;sync;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Por cuenta: la última ejecución, su resultado y cifras, el cupo restante y cuándo toca la siguiente')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sync;help;status' {
            break
        }
        'treevu;sync;help;help' {
            break
        }
        'treevu;schedule' {
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Minutos entre revisiones; cada cuenta se sincroniza solo cuando pasó su intervalo')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'Una línea de crontab (por defecto)')
            [CompletionResult]::new('--systemd', '--systemd', [CompletionResultType]::ParameterName, 'Un servicio y un temporizador de usuario de systemd')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;watch' {
            [CompletionResult]::new('--check-every', '--check-every', [CompletionResultType]::ParameterName, 'Segundos entre revisiones de las cuentas pendientes')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;worker' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Cuentas sincronizadas a la vez')
            [CompletionResult]::new('--lease-seconds', '--lease-seconds', [CompletionResultType]::ParameterName, 'Cuánto tiempo una cuenta tomada sigue siendo de este worker sin renovarla')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Sincroniza lo pendiente ahora y termina (código distinto de cero si una cuenta falló)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;recommend' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Envía el precio recomendado al marketplace (muestra anterior → nuevo y pregunta antes)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Con --apply: no pide confirmación')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Con --apply: no pide confirmación')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Con --apply: muestra la solicitud que se enviaría y no envía nada')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Con --apply: envía un precio que cambia más que apply.max_change (20%) o cuya confianza está bajo apply.min_confidence (40%)')
            [CompletionResult]::new('--all-twins', '--all-twins', [CompletionResultType]::ParameterName, 'Con --apply: envía el precio también a cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Pide al LLM configurado (TREEVU_LLM_URL, TREEVU_LLM_MODEL) que explique cada precio en el idioma elegido; las cifras de treevu se mantienen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;estimate' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Qué tasar (con --input, se reconoce por las columnas del archivo si no se indica)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Un CSV de artículos (columnas como en docs/pricing.md; una columna de precio se ignora); un resultado por fila, en orden')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Id que se muestra en el resultado')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'sale (venta) o rent (alquiler)')
            [CompletionResult]::new('--property-type', '--property-type', [CompletionResultType]::ParameterName, 'apartment, house, land o commercial')
            [CompletionResult]::new('--district', '--district', [CompletionResultType]::ParameterName, 'district')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'zone')
            [CompletionResult]::new('--area', '--area', [CompletionResultType]::ParameterName, 'Área total en m²')
            [CompletionResult]::new('--bedrooms', '--bedrooms', [CompletionResultType]::ParameterName, 'bedrooms')
            [CompletionResult]::new('--bathrooms', '--bathrooms', [CompletionResultType]::ParameterName, 'bathrooms')
            [CompletionResult]::new('--parking', '--parking', [CompletionResultType]::ParameterName, 'parking')
            [CompletionResult]::new('--brand', '--brand', [CompletionResultType]::ParameterName, 'brand')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'model')
            [CompletionResult]::new('--year', '--year', [CompletionResultType]::ParameterName, 'year')
            [CompletionResult]::new('--mileage', '--mileage', [CompletionResultType]::ParameterName, 'Kilometraje en km')
            [CompletionResult]::new('--transmission', '--transmission', [CompletionResultType]::ParameterName, 'transmission')
            [CompletionResult]::new('--fuel-type', '--fuel-type', [CompletionResultType]::ParameterName, 'fuel-type')
            [CompletionResult]::new('--condition', '--condition', [CompletionResultType]::ParameterName, 'excellent, good, fair o poor')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Título del anuncio (cuentan palabras como "estreno" o "vista al mar")')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Moneda de la respuesta (por defecto: PEN para inmuebles, USD para vehículos)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;market' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Carga comparables de mercado desde un archivo CSV (idempotente por id: una reimportación actualiza)')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Compara un anuncio sincronizado con su mercado: precio mediano y medio, precio por m², posición, tendencia, comparables')
            [CompletionResult]::new('facts', 'facts', [CompletionResultType]::ParameterValue, 'Regenera las cifras de mercado incorporadas (agregados, nunca filas) a partir de archivos de mercado')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;market;import' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Qué contiene el archivo (se reconoce por sus columnas si no se indica)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;market;analyze' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;market;facts' {
            [CompletionResult]::new('--properties', '--properties', [CompletionResultType]::ParameterName, 'Archivo de casas (columnas de lima-properties.csv)')
            [CompletionResult]::new('--vehicles', '--vehicles', [CompletionResultType]::ParameterName, 'Archivo de autos (columnas de vehicles.csv): las filas de Lima dan los niveles, las demás solo la curva de antigüedad')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Escribe la tabla aquí (por defecto: stdout); crates/pricing/src/lima_facts.json es la que se compila')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;market;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Carga comparables de mercado desde un archivo CSV (idempotente por id: una reimportación actualiza)')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Compara un anuncio sincronizado con su mercado: precio mediano y medio, precio por m², posición, tendencia, comparables')
            [CompletionResult]::new('facts', 'facts', [CompletionResultType]::ParameterValue, 'Regenera las cifras de mercado incorporadas (agregados, nunca filas) a partir de archivos de mercado')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;market;help;import' {
            break
        }
        'treevu;market;help;analyze' {
            break
        }
        'treevu;market;help;facts' {
            break
        }
        'treevu;market;help;help' {
            break
        }
        'treevu;valuation' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;readiness' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;forecast' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;backtest' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Qué pool probar')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Un CSV etiquetado (con precios) para tasar frente al pool, en lugar de k-fold sobre el pool')
            [CompletionResult]::new('--folds', '--folds', [CompletionResultType]::ParameterName, 'Particiones de la validación cruzada sobre el pool')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;listings' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Solo este marketplace')
            [CompletionResult]::new('--marketplace', '--marketplace', [CompletionResultType]::ParameterName, 'Solo este marketplace')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Solo anuncios con este estado (active, sold, rented, removed)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Solo anuncios con este estado (active, sold, rented, removed)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Incluye anuncios que ya no se encuentran en el marketplace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;listing' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Cambia el precio, título, descripción o estado de un anuncio en su marketplace (PUT)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Publica un anuncio nuevo desde un archivo JSON con la forma del marketplace (POST)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Retira un anuncio (DELETE en OLX; estado ''removed'' en Inmuebles24 y Autofact)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;listing;update' {
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'Precio nuevo en la moneda del anuncio, p. ej. 285000 o 285,000.50')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Título nuevo (de 5 a 255 caracteres)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Descripción nueva (OLX e Inmuebles24)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Estado nuevo')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Imprime la solicitud que se enviaría (método, ruta, cuerpo) y no envía nada')
            [CompletionResult]::new('--all-twins', '--all-twins', [CompletionResultType]::ParameterName, 'Con --price: el mismo precio para cada gemelo en los otros marketplaces, en su propia moneda a pricing.pen_per_usd')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Con --all-twins: envía el precio de un gemelo aunque cambie más que apply.max_change (20%)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;listing;create' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Dónde publicar')
            [CompletionResult]::new('--marketplace', '--marketplace', [CompletionResultType]::ParameterName, 'Dónde publicar')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'El anuncio como JSON con la forma del marketplace (docs/cli.md); ''-'' lee stdin')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Imprime la solicitud que se enviaría y no envía nada')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;listing;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Imprime la solicitud que se enviaría y no envía nada')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;listing;help' {
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Cambia el precio, título, descripción o estado de un anuncio en su marketplace (PUT)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Publica un anuncio nuevo desde un archivo JSON con la forma del marketplace (POST)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Retira un anuncio (DELETE en OLX; estado ''removed'' en Inmuebles24 y Autofact)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;listing;help;update' {
            break
        }
        'treevu;listing;help;create' {
            break
        }
        'treevu;listing;help;remove' {
            break
        }
        'treevu;listing;help;help' {
            break
        }
        'treevu;crosslist' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Dónde publicarlos (casas: inmuebles24, olx; autos: autofact, olx); repita para varios')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Un campo que el destino necesita y el origen no tiene, o un valor a usar en su lugar (p. ej. address="Av. Larco 1150")')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Imprime las solicitudes que se enviarían y no envía nada')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'No pide confirmación')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;leads' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Muestra solo lo guardado; no trae consultas nuevas de los anuncios indicados')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;conversations' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--unread', '--unread', [CompletionResultType]::ParameterName, 'Solo conversaciones con mensajes sin leer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;report' {
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Escribe además el informe como un archivo HTML autónomo con gráficos')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Filas del ranking mostradas en la terminal (JSON y HTML tienen más)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;twins' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'Compara las vistas, contactos (consultas) y favoritos por día de cada artículo en sus marketplaces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Vincula dos anuncios como un solo artículo (la detección no los vio, o usted lo sabe mejor)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Desvincula dos anuncios que no son un mismo artículo; la detección no los volverá a vincular')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Muestra o fija qué hace una sincronización cuando se vende un gemelo: off, ask (imprime los comandos) o auto')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;twins;link' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;twins;unlink' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;twins;policy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;twins;help' {
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Vincula dos anuncios como un solo artículo (la detección no los vio, o usted lo sabe mejor)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Desvincula dos anuncios que no son un mismo artículo; la detección no los volverá a vincular')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Muestra o fija qué hace una sincronización cuando se vende un gemelo: off, ask (imprime los comandos) o auto')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;twins;help;link' {
            break
        }
        'treevu;twins;help;unlink' {
            break
        }
        'treevu;twins;help;policy' {
            break
        }
        'treevu;twins;help;help' {
            break
        }
        'treevu;sandbox' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Sirve OLX, Inmuebles24 y Autofact en 127.0.0.1 hasta Ctrl-C')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sandbox;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Puerto en 127.0.0.1 (0: cualquier puerto libre)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Semilla de los datos generados: la misma semilla sirve los mismos registros byte a byte')
            [CompletionResult]::new('--listings', '--listings', [CompletionResultType]::ParameterName, 'Anuncios del comerciante de demostración por marketplace')
            [CompletionResult]::new('--market', '--market', [CompletionResultType]::ParameterName, 'Anuncios de otros vendedores detrás de los endpoints de mercado')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Demora añadida a cada respuesta del marketplace, en milisegundos')
            [CompletionResult]::new('--error-rate', '--error-rate', [CompletionResultType]::ParameterName, 'Proporción de respuestas de la API que fallan con 500/502/503 (de 0 a 1)')
            [CompletionResult]::new('--malformed-rate', '--malformed-rate', [CompletionResultType]::ParameterName, 'Proporción de registros del comerciante servidos rompiendo la validación de la especificación (de 0 a 1)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Solicitudes por ventana y cuenta, para los tres marketplaces [por defecto: los límites horarios de la especificación]')
            [CompletionResult]::new('--rate-window-secs', '--rate-window-secs', [CompletionResultType]::ParameterName, 'Duración de una ventana de límite de solicitudes en segundos [por defecto: 3600]')
            [CompletionResult]::new('--token-ttl-secs', '--token-ttl-secs', [CompletionResultType]::ParameterName, 'Vida de los tokens de acceso, en segundos')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'Cómo autentican la app los endpoints de token OAuth: público (solo PKCE), o un cliente confidencial por HTTP Basic o con el secreto en el formulario, como hacen los servidores de producción')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Aprueba las autorizaciones OAuth de inmediato, sin la página de consentimiento')
            [CompletionResult]::new('--churn', '--churn', [CompletionResultType]::ParameterName, 'Mueve el mercado entre llamadas: interacción, precios, ventas, retiros, anuncios nuevos')
            [CompletionResult]::new('--live-dates', '--live-dates', [CompletionResultType]::ParameterName, 'Fecha los anuncios generados a hoy en lugar de un día fijo (un mercado que parece vivo; la misma semilla da los mismos datos solo el mismo día)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Sirve OLX, Inmuebles24 y Autofact en 127.0.0.1 hasta Ctrl-C')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;sandbox;help;serve' {
            break
        }
        'treevu;sandbox;help;help' {
            break
        }
        'treevu;demo' {
            [CompletionResult]::new('--listings', '--listings', [CompletionResultType]::ParameterName, 'Anuncios del comerciante de demostración por marketplace')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Conserva el directorio de datos de la demostración (su base de datos) en lugar de borrarlo al salir')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;generate-docs' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The repository root to write into')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Archivo de base de datos SQLite [por defecto: <directorio de datos>/profiles/<perfil>/treevu.db]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Almacén PostgreSQL en lugar del archivo SQLite: postgres://USUARIO:CONTRASEÑA@HOST:PUERTO/BASE (el perfil es el comerciante)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Archivo de configuración [por defecto: $XDG_CONFIG_HOME/treevu/config.toml]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Perfil de comerciante: separa las cuentas, secretos y datos de cada comerciante')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Formato de los datos en stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Idioma de lo que leen las personas [por defecto: TREEVU_LANG, el lang del archivo de configuración y luego la configuración regional]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Muestra la ayuda')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Imprime los datos como un documento JSON (igual que --format json)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Solo errores y avisos en stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Más detalle en stderr (cada solicitud: método, ruta, estado, tiempo)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Sin color (también con NO_COLOR definido)')
            [CompletionResult]::new('--exact-cells', '--exact-cells', [CompletionResultType]::ParameterName, 'CSV/TSV: escribe el texto tal cual, incluso celdas que una hoja de cálculo ejecutaría como fórmula (por defecto una celda que empieza con = + - @ recibe un '' delante)')
            break
        }
        'treevu;help' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Conecte una cuenta de marketplace: inicie sesión (OLX, Inmuebles24) o entregue la clave de API (Autofact)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Cuentas conectadas: estado, token actual para scripts, cierre de sesión')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Lista los perfiles de comerciante y dónde están sus datos')
            [CompletionResult]::new('merchants', 'merchants', [CompletionResultType]::ParameterValue, 'Comerciantes de un almacén PostgreSQL (--database-url): listar, agregar, eliminar')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'El operador de un almacén PostgreSQL (--database-url): el estado de cada cuenta y rotar la clave de los secretos guardados')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Trae anuncios, estadísticas, consultas y conversaciones al almacén local')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Imprime la línea de crontab o las unidades de systemd que ejecutan ''treevu sync --due''')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Se queda en primer plano y sincroniza cada cuenta cuando le toca')
            [CompletionResult]::new('worker', 'worker', [CompletionResultType]::ParameterValue, 'Sincroniza las cuentas pendientes de todos los comerciantes de un almacén PostgreSQL (--database-url), junto con otros workers')
            [CompletionResult]::new('recommend', 'recommend', [CompletionResultType]::ParameterValue, 'El precio a pedir por anuncios sincronizados: precio recomendado, rango, confianza y por qué')
            [CompletionResult]::new('estimate', 'estimate', [CompletionResultType]::ParameterValue, 'Pone precio a casas y autos que aún no están publicados, frente al pool de mercado')
            [CompletionResult]::new('market', 'market', [CompletionResultType]::ParameterValue, 'Comparables de mercado: importe archivos CSV, analice un anuncio frente a su mercado')
            [CompletionResult]::new('valuation', 'valuation', [CompletionResultType]::ParameterValue, 'El valor de un auto calculado localmente, con el aporte de cada factor')
            [CompletionResult]::new('readiness', 'readiness', [CompletionResultType]::ParameterValue, 'Puntaje de disposición del comprador (0-100, caliente/tibio/frío) de anuncios sincronizados')
            [CompletionResult]::new('forecast', 'forecast', [CompletionResultType]::ParameterValue, 'Contactos esperados y tiempo hasta la venta de anuncios sincronizados')
            [CompletionResult]::new('backtest', 'backtest', [CompletionResultType]::ParameterValue, 'Mide la precisión de precios de treevu sobre el pool (k-fold) o un archivo etiquetado')
            [CompletionResult]::new('listings', 'listings', [CompletionResultType]::ParameterValue, 'Muestra los anuncios guardados localmente (de ''treevu sync'')')
            [CompletionResult]::new('listing', 'listing', [CompletionResultType]::ParameterValue, 'Cambia, publica o retira un anuncio en su marketplace')
            [CompletionResult]::new('crosslist', 'crosslist', [CompletionResultType]::ParameterValue, 'Publica anuncios en otros marketplaces (casas: Inmuebles24 <-> OLX; autos: Autofact <-> OLX), vinculados como gemelos')
            [CompletionResult]::new('leads', 'leads', [CompletionResultType]::ParameterValue, 'Consultas de Inmuebles24: quién preguntó por sus inmuebles')
            [CompletionResult]::new('conversations', 'conversations', [CompletionResultType]::ParameterValue, 'Conversaciones de OLX: los chats de compradores sobre sus anuncios')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Su cartera de un vistazo, ordenada por lo que hay que hacer (--html para un archivo con gráficos)')
            [CompletionResult]::new('twins', 'twins', [CompletionResultType]::ParameterValue, 'Artículos publicados en más de un marketplace: grupos, evidencia, vínculos, política de retiro, estadísticas')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Ejecuta el sandbox de marketplaces incorporado (las tres API en loopback)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Pruebe treevu de punta a punta contra el sandbox incorporado: conexión, sincronización, precios, análisis')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Imprime un script de autocompletado para la shell (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write completions/ and docs/man/ (for maintainers; see docs/cli.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'treevu;help;connect' {
            break
        }
        'treevu;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Qué cuentas están conectadas, desde dónde y si alguna lo necesita a usted (sale con 1 si es así)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Imprime el token de acceso actual (o la clave de Autofact) para scripts, renovándolo si toca')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Olvida el secreto guardado; lo revoca en el marketplace cuando su API lo permite')
            [CompletionResult]::new('llm-key', 'llm-key', [CompletionResultType]::ParameterValue, 'Guarda en el almacén de secretos la clave de API del LLM detrás de ''recommend --explain''')
            [CompletionResult]::new('client-secret', 'client-secret', [CompletionResultType]::ParameterValue, 'Guarda en el almacén de secretos el secreto de cliente OAuth de la app (servidores que piden un cliente confidencial)')
            break
        }
        'treevu;help;auth;status' {
            break
        }
        'treevu;help;auth;token' {
            break
        }
        'treevu;help;auth;logout' {
            break
        }
        'treevu;help;auth;llm-key' {
            break
        }
        'treevu;help;auth;client-secret' {
            break
        }
        'treevu;help;profiles' {
            break
        }
        'treevu;help;merchants' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Cada comerciante: cuentas, última sincronización, creación')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Agrega un comerciante (un nombre como los de perfil: letras, dígitos, - y _)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Elimina un comerciante y todos sus datos, tras confirmación')
            break
        }
        'treevu;help;merchants;list' {
            break
        }
        'treevu;help;merchants;add' {
            break
        }
        'treevu;help;merchants;remove' {
            break
        }
        'treevu;help;operator' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Cada cuenta de cada comerciante: pendiente, en curso, en espera, con fallas o por reconectar; última ejecución, último error y presupuesto usado esta hora')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Vuelve a cifrar los secretos de cada comerciante con una nueva clave de operador, en una sola transacción')
            break
        }
        'treevu;help;operator;status' {
            break
        }
        'treevu;help;operator;rotate-key' {
            break
        }
        'treevu;help;sync' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Por cuenta: la última ejecución, su resultado y cifras, el cupo restante y cuándo toca la siguiente')
            break
        }
        'treevu;help;sync;status' {
            break
        }
        'treevu;help;schedule' {
            break
        }
        'treevu;help;watch' {
            break
        }
        'treevu;help;worker' {
            break
        }
        'treevu;help;recommend' {
            break
        }
        'treevu;help;estimate' {
            break
        }
        'treevu;help;market' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Carga comparables de mercado desde un archivo CSV (idempotente por id: una reimportación actualiza)')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Compara un anuncio sincronizado con su mercado: precio mediano y medio, precio por m², posición, tendencia, comparables')
            [CompletionResult]::new('facts', 'facts', [CompletionResultType]::ParameterValue, 'Regenera las cifras de mercado incorporadas (agregados, nunca filas) a partir de archivos de mercado')
            break
        }
        'treevu;help;market;import' {
            break
        }
        'treevu;help;market;analyze' {
            break
        }
        'treevu;help;market;facts' {
            break
        }
        'treevu;help;valuation' {
            break
        }
        'treevu;help;readiness' {
            break
        }
        'treevu;help;forecast' {
            break
        }
        'treevu;help;backtest' {
            break
        }
        'treevu;help;listings' {
            break
        }
        'treevu;help;listing' {
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Cambia el precio, título, descripción o estado de un anuncio en su marketplace (PUT)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Publica un anuncio nuevo desde un archivo JSON con la forma del marketplace (POST)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Retira un anuncio (DELETE en OLX; estado ''removed'' en Inmuebles24 y Autofact)')
            break
        }
        'treevu;help;listing;update' {
            break
        }
        'treevu;help;listing;create' {
            break
        }
        'treevu;help;listing;remove' {
            break
        }
        'treevu;help;crosslist' {
            break
        }
        'treevu;help;leads' {
            break
        }
        'treevu;help;conversations' {
            break
        }
        'treevu;help;report' {
            break
        }
        'treevu;help;twins' {
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Vincula dos anuncios como un solo artículo (la detección no los vio, o usted lo sabe mejor)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Desvincula dos anuncios que no son un mismo artículo; la detección no los volverá a vincular')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'Muestra o fija qué hace una sincronización cuando se vende un gemelo: off, ask (imprime los comandos) o auto')
            break
        }
        'treevu;help;twins;link' {
            break
        }
        'treevu;help;twins;unlink' {
            break
        }
        'treevu;help;twins;policy' {
            break
        }
        'treevu;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Sirve OLX, Inmuebles24 y Autofact en 127.0.0.1 hasta Ctrl-C')
            break
        }
        'treevu;help;sandbox;serve' {
            break
        }
        'treevu;help;demo' {
            break
        }
        'treevu;help;completions' {
            break
        }
        'treevu;help;generate-docs' {
            break
        }
        'treevu;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
